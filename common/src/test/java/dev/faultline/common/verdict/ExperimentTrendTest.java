package dev.faultline.common.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.run.RunState;
import dev.faultline.common.target.TargetRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentTrendTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** A timeline of {@code probes} probes of which {@code failed} failed; recovered after {@code recovery} ms. */
    static RecoveryTimeline timeline(String target, int probes, int failed, Long recovery, double availability) {
        Instant recoveredAt = failed > 0 && recovery != null ? T0.plusMillis(recovery) : null;
        Instant detectedAt = failed > 0 ? T0.plusMillis(250) : null;
        Long timeToRecover = failed == 0 ? Long.valueOf(0) : recovery;
        return new RecoveryTimeline("f-" + target, new TargetRef("agent-1", "id-" + target, target), "http", T0,
                detectedAt, detectedAt, recoveredAt, failed > 0 ? 250L : null, timeToRecover, availability, probes,
                failed, 250);
    }

    static RunVerdict verdict(String runId, Verdict verdict, List<RecoveryTimeline> timelines, List<SloResult> slos,
            LoadSummary load) {
        return RunVerdict.of(runId, "exp", verdict, timelines, slos, List.of(), 250, null, load, List.of(), null, T0);
    }

    static SloResult slo(SloStatus status) {
        return new SloResult("min-availability", "percent", 99, status == SloStatus.NO_DATA ? null : 98.0, status,
                "m");
    }

    @Test
    void perRunFiguresComeFromTheTimelinesAndTheLoad() {
        LoadSummary load = new LoadSummary(1000, 20, 2.0, 5L, 9L, 40L, 1, List.of(), "artillery");
        RunVerdict verdict = verdict("r1", Verdict.FAIL, List.of(
                timeline("orders", 40, 4, 1250L, 90.0),
                timeline("orders", 40, 8, 2000L, 80.0),
                timeline("payments", 40, 0, null, 100.0),
                timeline("stock", 40, 40, null, 0.0),
                timeline("idle", 0, 0, null, 100.0)),
                List.of(slo(SloStatus.PASS), slo(SloStatus.FAIL)), load);

        ExperimentTrend trend = ExperimentTrend.of("exp",
                List.of(new ExperimentTrend.Entry("r1", T0, RunState.COMPLETED, verdict)));

        ExperimentTrend.TrendRun run = trend.runs().get(0);
        assertThat(run.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(run.score()).isEqualTo(50);
        assertThat(run.recoveryMillisByTarget()).containsOnly(entry("orders", 2000L), entry("payments", 0L),
                entry("stock", null));
        assertThat(run.availabilityPercent()).isEqualTo(0.0);
        assertThat(run.errorRatePercent()).isEqualTo(2.0);
    }

    @Test
    void newestFirstWithPassRateAndMeanScoreOverJudgedRunsOnly() {
        RunVerdict passed = verdict("r1", Verdict.PASS, List.of(timeline("orders", 10, 0, null, 100)),
                List.of(slo(SloStatus.PASS)), null);
        RunVerdict failed = verdict("r2", Verdict.FAIL, List.of(timeline("orders", 10, 10, null, 0)),
                List.of(slo(SloStatus.FAIL)), null);
        ExperimentTrend trend = ExperimentTrend.of("exp", List.of(
                new ExperimentTrend.Entry("r1", T0, RunState.COMPLETED, passed),
                new ExperimentTrend.Entry("r3", T0.plusSeconds(120), RunState.ABORTED, null),
                new ExperimentTrend.Entry("r2", T0.plusSeconds(60), RunState.COMPLETED, failed)));

        assertThat(trend.runs()).extracting(ExperimentTrend.TrendRun::runId).containsExactly("r3", "r2", "r1");
        assertThat(trend.passRate()).isEqualTo(0.5);
        assertThat(trend.meanScore()).isEqualTo(50.0);
        ExperimentTrend.TrendRun aborted = trend.runs().get(0);
        assertThat(aborted.verdict()).isNull();
        assertThat(aborted.score()).isNull();
        assertThat(aborted.availabilityPercent()).isNull();
        assertThat(aborted.recoveryMillisByTarget()).isEmpty();
        assertThat(trend.runs().get(2).errorRatePercent()).isNull();
    }

    @Test
    void withoutJudgedRunsThereIsNoPassRateNorMeanScore() {
        ExperimentTrend trend = ExperimentTrend.of("exp",
                List.of(new ExperimentTrend.Entry("r1", T0, RunState.RUNNING, null)));
        assertThat(trend.passRate()).isNull();
        assertThat(trend.meanScore()).isNull();
        assertThat(ExperimentTrend.of("exp", List.of()).runs()).isEmpty();
    }

    @Test
    void roundTripsAsJsonKeepingTheTargetThatNeverRecovered() throws Exception {
        RunVerdict verdict = verdict("r1", Verdict.FAIL, List.of(timeline("stock", 10, 10, null, 0)),
                List.of(slo(SloStatus.FAIL)), null);
        ExperimentTrend trend = ExperimentTrend.of("exp",
                List.of(new ExperimentTrend.Entry("r1", T0, RunState.COMPLETED, verdict)));
        String json = ChaosJson.messages().writeValueAsString(trend);
        assertThat(json).contains("\"recoveryMillisByTarget\":{\"stock\":null}").contains("\"passRate\":0.0");
        assertThat(ChaosJson.messages().readValue(json, ExperimentTrend.class)).isEqualTo(trend);
    }
}
