package dev.faultline.observer.degraded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.experiment.DegradedCheck;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Probe;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.experiment.SteadyState;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.observer.probe.BodyShape;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.run.ObservedRun;
import dev.faultline.observer.run.VerdictJudge;
import dev.faultline.observer.slo.SloEvaluator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Degraded answers through the verdict: a note and their own figures, never a failure. */
class DegradedVerdictTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant INJECTED = T0.plusSeconds(2);
    private static final Instant WINDOW_END = T0.plusSeconds(10);
    private static final TargetRef TARGET = new TargetRef("agent-1", "c0ffee", "recommender");
    private static final BodyShape FULL = BodyShape.of("{\"user\": \"ada\", \"recommendations\": [{\"id\": 1}]}");
    private static final BodyShape EMPTIED = BodyShape.of("{\"user\": \"ada\", \"recommendations\": []}");

    private static HttpProbe probe(String name, DegradedCheck check) {
        return new HttpProbe(name, "http://127.0.0.1:8080/api/summary", null, Duration.ofMillis(250),
                Duration.ofSeconds(1), null, null, null, check);
    }

    /** Every 250 ms from T0; the body has no recommendations from 3 s to 5 s (8 answers), all answered 200. */
    private static List<ProbeSample> samples(String probe) {
        List<ProbeSample> samples = new ArrayList<>();
        for (long ms = 0; ms <= 10_000; ms += 250) {
            BodyShape shape = ms >= 3_000 && ms < 5_000 ? EMPTIED : FULL;
            samples.add(ProbeSample.answeredWithBody(probe, T0.plusMillis(ms), 200, 3, shape));
        }
        return samples;
    }

    private static RunVerdict judge(Probe... probes) {
        return judge(new Slos(Duration.ofSeconds(3), 99.0), probes);
    }

    private static RunVerdict judge(Slos slos, Probe... probes) {
        List<ProbeSample> samples = new ArrayList<>();
        for (Probe p : probes) {
            samples.addAll(samples(p.name()));
        }
        Experiment experiment = new Experiment("kill-recommender", "", Duration.ofSeconds(8),
                new SteadyState(Duration.ofSeconds(2), List.of(probes)),
                List.of(new FaultStep(new TargetSelection(new Selector("recommender", null), 1, null, null),
                        ContainerKill.sigkill())), slos);
        ObservedRun run = new ObservedRun("run-1", experiment, INJECTED,
                List.of(FaultInjected.of("run-1", "f1", "container-kill", TARGET, INJECTED, 5, INJECTED)), List.of(),
                samples, WINDOW_END, null);
        return VerdictJudge.judge(run, WINDOW_END.plusMillis(5));
    }

    @Test
    void aShrunkenBodyIsDegradedNotFailedAndAProbeWithoutTheFlagIsUnaffected() {
        RunVerdict verdict = judge(probe("summary", DegradedCheck.SHAPE), probe("plain", null));

        assertThat(verdict.verdict()).as("degraded answers are successes").isEqualTo(Verdict.PASS);
        RecoveryTimeline flagged = verdict.timelines().get(0);
        RecoveryTimeline plain = verdict.timelines().get(1);
        assertThat(flagged.availabilityPercent()).isEqualTo(100.0);
        assertThat(flagged.probesFailed()).isZero();
        // window: answers from 2000 to 10000 ms, 33 of them; 8 emptied
        assertThat(flagged.probesInWindow()).isEqualTo(33);
        assertThat(flagged.degraded().probesDegraded()).isEqualTo(8);
        assertThat(flagged.degraded().firstDegradedAt()).isEqualTo(T0.plusMillis(3_000));
        assertThat(flagged.degraded().lastDegradedAt()).isEqualTo(T0.plusMillis(4_750));
        assertThat(flagged.degraded().fullServiceAvailabilityPercent()).isEqualTo(100.0 * 25 / 33);
        assertThat(flagged.degraded().baselineAnswers()).isEqualTo(8);

        assertThat(plain).as("the same figures, without degraded answers").usingRecursiveComparison()
                .ignoringFields("probe", "degraded").isEqualTo(flagged);
        assertThat(plain.degraded()).isNull();
        assertThat(plain.availabilityPercent()).isEqualTo(100.0);

        assertThat(verdict.findings()).containsExactly("degraded answers: probe summary"
                + " (GET http://127.0.0.1:8080/api/summary) answered 200 with a shrunken body 8 times"
                + " (field `recommendations` emptied ×8) from 2026-12-01T10:00:03Z to 2026-12-01T10:00:04.750Z,"
                + " after fault f1 on recommender@agent-1; full service 75.8% of 33 probes (availability 100.0%)");
    }

    @Test
    void theOptionalFullServiceObjectiveIsJudgedOnTheWorstFlaggedProbe() {
        Slos slos = new Slos(Duration.ofSeconds(3), 99.0, null, null, null, 90.0);
        RunVerdict verdict = judge(slos, probe("summary", DegradedCheck.SHAPE), probe("plain", null));

        SloResult fullService = verdict.slos().stream()
                .filter(s -> s.objective().equals(SloEvaluator.MIN_FULL_SERVICE_AVAILABILITY)).findFirst().orElseThrow();
        assertThat(fullService.status()).isEqualTo(SloStatus.FAIL);
        assertThat(fullService.measured()).isEqualTo(100.0 * 25 / 33);
        assertThat(fullService.method()).startsWith("probe summary (").doesNotContain("plain");
        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.findings()).contains("min-full-service-availability failed: probe summary gave full"
                + " service 75.76% of the time after fault f1 on recommender@agent-1 (8 of 33 probes degraded,"
                + " 0 failed), below the limit of 90%");

        RunVerdict lenient = judge(new Slos(Duration.ofSeconds(3), 99.0, null, null, null, 70.0),
                probe("summary", DegradedCheck.SHAPE));
        assertThat(lenient.verdict()).isEqualTo(Verdict.PASS);
    }
}
