package dev.faultline.observer.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.SuccessStatus;
import dev.faultline.common.verdict.FailureBreakdown;
import dev.faultline.common.verdict.FailureKind;
import dev.faultline.common.verdict.LoadSummary;
import dev.faultline.observer.load.LoadResponse;
import dev.faultline.observer.load.LoadStatistics;
import java.util.ArrayList;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.SloStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SloEvaluatorTest {

    private static final TargetRef TARGET = new TargetRef("agent-1", "c0ffee", "orders");
    private static final Instant INJECTED = Instant.parse("2025-01-01T00:00:10Z");
    private static final Instant WINDOW_END = INJECTED.plusSeconds(20);
    private static final HttpProbe PROBE = new HttpProbe("health", "http://127.0.0.1:8080/health", 200,
            Duration.ofMillis(250), Duration.ofSeconds(1));
    private static final Slos SLOS = new Slos(Duration.ofSeconds(5), 90.0);

    private static RecoveryTimeline recovered(String faultId, long ttrMillis, int inWindow, int failed) {
        return new RecoveryTimeline(faultId, TARGET, "health", INJECTED, INJECTED.plusMillis(250),
                INJECTED.plusMillis(ttrMillis - 250), INJECTED.plusMillis(ttrMillis), 250L, ttrMillis,
                100.0 * (inWindow - failed) / inWindow, inWindow, failed, 250);
    }

    private static RecoveryTimeline neverFailed(String faultId) {
        return new RecoveryTimeline(faultId, TARGET, "health", INJECTED, null, null, null, null, 0L, 100.0, 80, 0,
                250);
    }

    private static RecoveryTimeline stillFailing(String faultId) {
        return new RecoveryTimeline(faultId, TARGET, "health", INJECTED, INJECTED.plusMillis(250),
                WINDOW_END.minusMillis(250), null, 250L, null, 10.0, 80, 72, 250);
    }

    private static RecoveryTimeline noData(String faultId) {
        return new RecoveryTimeline(faultId, TARGET, "health", INJECTED, null, null, null, null, null, 0, 0, 0, 250);
    }

    private static SloEvaluation evaluate(List<RecoveryTimeline> timelines) {
        return SloEvaluator.evaluate(SLOS, timelines, WINDOW_END, List.of(PROBE));
    }

    private static SloResult result(SloEvaluation evaluation, String objective) {
        return evaluation.results().stream().filter(r -> r.objective().equals(objective)).findFirst().orElseThrow();
    }

    @Test
    void quickRecoveryWithinLimitsPasses() {
        SloEvaluation e = evaluate(List.of(recovered("f1", 2_000, 80, 4)));

        SloResult recovery = result(e, SloEvaluator.MAX_RECOVERY_TIME);
        assertThat(recovery.status()).isEqualTo(SloStatus.PASS);
        assertThat(recovery.unit()).isEqualTo("ms");
        assertThat(recovery.threshold()).isEqualTo(5_000);
        assertThat(recovery.measured()).isEqualTo(2_000);
        assertThat(recovery.method())
                .isEqualTo("probe health (HTTP GET http://127.0.0.1:8080/health expecting 200) every 250ms; recovery = first passing probe after the last failing one,"
                        + " measured from injection (0 for a probe that never failed); resolution 250ms");
        SloResult availability = result(e, SloEvaluator.MIN_AVAILABILITY);
        assertThat(availability.status()).isEqualTo(SloStatus.PASS);
        assertThat(availability.unit()).isEqualTo("percent");
        assertThat(availability.measured()).isEqualTo(95.0);
        assertThat(availability.method()).startsWith("probe health (HTTP GET http://127.0.0.1:8080/health expecting 200) every 250ms;"
                + " availability = ");
        assertThat(e.allPassed()).isTrue();
        assertThat(e.findings()).isEmpty();
    }

    @Test
    void worstRecoveryAcrossTimelinesDecides() {
        SloEvaluation e = evaluate(List.of(recovered("f1", 1_000, 80, 4), recovered("f2", 6_000, 80, 4),
                neverFailed("f3")));

        SloResult recovery = result(e, SloEvaluator.MAX_RECOVERY_TIME);
        assertThat(recovery.status()).isEqualTo(SloStatus.FAIL);
        assertThat(recovery.measured()).isEqualTo(6_000);
        assertThat(e.findings()).singleElement().asString()
                .contains("max-recovery-time failed", "6000 ms", "f2", "orders@agent-1", "5000 ms");
        assertThat(e.allPassed()).isFalse();
    }

    @Test
    void neverFailingProbeRecoversInZero() {
        SloEvaluation e = evaluate(List.of(neverFailed("f1")));

        assertThat(result(e, SloEvaluator.MAX_RECOVERY_TIME).measured()).isZero();
        assertThat(result(e, SloEvaluator.MIN_AVAILABILITY).measured()).isEqualTo(100.0);
        assertThat(e.allPassed()).isTrue();
        assertThat(e.findings()).as("never failed is not 'did not recover'").isEmpty();
    }

    @Test
    void timelineThatNeverRecoveredFailsWithTheWindowLength() {
        SloEvaluation e = evaluate(List.of(recovered("f1", 1_000, 80, 4), stillFailing("f2")));

        SloResult recovery = result(e, SloEvaluator.MAX_RECOVERY_TIME);
        assertThat(recovery.status()).isEqualTo(SloStatus.FAIL);
        assertThat(recovery.measured()).isEqualTo(20_000);
        assertThat(e.findings()).anySatisfy(f -> assertThat(f)
                .contains("probe health did not recover within the run after fault f2 on orders@agent-1"));
    }

    @Test
    void neverRecoveredFailsEvenWhenTheWindowIsShorterThanTheLimit() {
        SloEvaluation e = SloEvaluator.evaluate(new Slos(Duration.ofMinutes(1), 0.0), List.of(stillFailing("f1")),
                WINDOW_END, List.of(PROBE));

        assertThat(result(e, SloEvaluator.MAX_RECOVERY_TIME).status()).isEqualTo(SloStatus.FAIL);
        assertThat(result(e, SloEvaluator.MIN_AVAILABILITY).status()).isEqualTo(SloStatus.PASS);
    }

    @Test
    void lowestAvailabilityDecides() {
        SloEvaluation e = evaluate(List.of(recovered("f1", 1_000, 80, 4), recovered("f2", 3_000, 80, 20)));

        SloResult availability = result(e, SloEvaluator.MIN_AVAILABILITY);
        assertThat(availability.status()).isEqualTo(SloStatus.FAIL);
        assertThat(availability.measured()).isEqualTo(75.0);
        assertThat(availability.threshold()).isEqualTo(90.0);
        assertThat(e.findings()).singleElement().asString()
                .contains("min-availability failed", "75.00%", "f2", "20 of 80", "90%");
        assertThat(result(e, SloEvaluator.MAX_RECOVERY_TIME).status()).isEqualTo(SloStatus.PASS);
    }

    @Test
    void theAvailabilityFindingNamesWhatTheProbeGot() {
        RecoveryTimeline fallback = recovered("f1", 3_000, 80, 20)
                .withFailures(new FailureBreakdown(Map.of(405, 18L), Map.of(FailureKind.TIMEOUT, 2L)));

        SloEvaluation e = evaluate(List.of(fallback));

        assertThat(e.findings()).singleElement().asString()
                .contains("(20 of 80 probes failed: 405 ×18, timeout ×2), below the limit of 90%");
    }

    @Test
    void availabilityExactlyAtTheLimitPasses() {
        SloEvaluation e = evaluate(List.of(recovered("f1", 1_000, 80, 8)));

        assertThat(result(e, SloEvaluator.MIN_AVAILABILITY).status()).isEqualTo(SloStatus.PASS);
    }

    @Test
    void noFaultInjectedIsNoData() {
        SloEvaluation e = evaluate(List.of());

        assertThat(e.results()).extracting(SloResult::status).containsOnly(SloStatus.NO_DATA);
        assertThat(e.results()).extracting(SloResult::measured).containsOnly((Double) null);
        assertThat(e.findings()).singleElement().asString().contains("no fault was injected");
        assertThat(e.allPassed()).isFalse();
    }

    @Test
    void timelineWithoutSamplesIsNoData() {
        SloEvaluation e = evaluate(List.of(recovered("f1", 1_000, 80, 4), noData("f2")));

        assertThat(e.results()).extracting(SloResult::status).containsOnly(SloStatus.NO_DATA);
        assertThat(e.findings()).singleElement().asString().contains("no probe was taken after injection", "f2");
    }

    @Test
    void methodNamesEveryProbeAndTheCoarsestResolution() {
        HttpProbe slow = new HttpProbe("deep", "http://127.0.0.1:8080/deep", 200, Duration.ofSeconds(1), null);

        SloEvaluation e = SloEvaluator.evaluate(SLOS, List.of(neverFailed("f1")), WINDOW_END, List.of(PROBE, slow));

        assertThat(result(e, SloEvaluator.MAX_RECOVERY_TIME).method())
                .startsWith("probes health (HTTP GET http://127.0.0.1:8080/health expecting 200) every 250ms,"
                        + " deep (HTTP GET http://127.0.0.1:8080/deep expecting 200) every 1s;")
                .endsWith("resolution 1s");
    }

    @Test
    void aFallbackAnswering405IsCountedInTheErrorRateWithItsStatus() {
        List<LoadResponse> load = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Instant at = INJECTED.plusMillis(i * 50L);
            load.add(i % 20 < 9 ? new LoadResponse(at, 405, 4, null, "GET /api/orders", null)
                    : i >= 197 ? new LoadResponse(at, 0, 10_000, null, "GET /api/orders", "ETIMEDOUT")
                    : new LoadResponse(at, 200, 12, null, "GET /api/orders", null));
        }
        LoadSummary summary = LoadStatistics.summarize(load, INJECTED, WINDOW_END, SuccessStatus.DEFAULT);

        SloEvaluation e = SloEvaluator.evaluate(new Slos(Duration.ofSeconds(5), 90.0, null, Duration.ofMillis(500),
                null), List.of(neverFailed("f1")), WINDOW_END, List.of(PROBE), summary, List.of());

        SloResult errorRate = result(e, SloEvaluator.MAX_ERROR_RATE);
        assertThat(errorRate.status()).isEqualTo(SloStatus.FAIL);
        assertThat(errorRate.measured()).isEqualTo(46.5);
        assertThat(e.findings()).contains("max-error-rate failed: error rate 46.50% (93 of 200 requests failed:"
                + " 405 ×90, timeout ×3) above the limit of 1%");
        SloResult p99 = result(e, SloEvaluator.MAX_P99_LATENCY);
        assertThat(p99.measured()).as("the timed-out requests count at their timeout").isEqualTo(10_000);
        assertThat(p99.status()).isEqualTo(SloStatus.FAIL);
    }
}
