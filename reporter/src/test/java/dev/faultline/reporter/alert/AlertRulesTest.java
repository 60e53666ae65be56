package dev.faultline.reporter.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.RunAborted;
import dev.faultline.common.event.RunSkipped;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.reporter.RunFixtures;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    private static final URI BASE = URI.create("https://faultline.example/reporter/");
    private final AlertRules all = new AlertRules(EnumSet.allOf(AlertKind.class), BASE);

    @Test
    void aFailVerdictAlertsWithTheFailedObjectiveMeasuredAgainstItsThresholdTheScoreAndTheRecovery() {
        RunVerdict verdict = RunFixtures.failedVerdict("run-1");

        Alert alert = all.forVerdict(verdict).orElseThrow();

        assertThat(alert.id()).isEqualTo("fail:run-1");
        assertThat(alert.kind()).isEqualTo(AlertKind.FAIL);
        assertThat(alert.verdict()).isEqualTo("FAIL");
        assertThat(alert.experiment()).isEqualTo("kill-web");
        assertThat(alert.headline()).isEqualTo("run run-1 of kill-web: FAIL");
        // One of two objectives met, no checks: 50; the passed objective (recovery) is not repeated.
        assertThat(alert.score()).isEqualTo(50);
        assertThat(alert.timeToRecoverMillis()).isEqualTo(1_234L);
        assertThat(alert.figures()).containsExactly(
                "min-availability: measured 87.500 % vs threshold 99.000 %",
                "resilience score 50 (objectives 1/2)",
                "time to recover: 1234 ms (the longest of those that failed, resolution 250 ms)",
                "finding: availability 87.500 % is below the objective of 99.000 %");
        assertThat(alert.reportUrl())
                .hasToString("https://faultline.example/reporter/api/v1/reports/run-1?format=html");
        assertThat(alert.occurredAt()).isEqualTo(verdict.timestamp());
    }

    @Test
    void probesThatNeverFailedAreNeitherUnrecoveredNorTheLongestRecovery() {
        RunVerdict failed = RunFixtures.failedVerdict("run-1");
        RecoveryTimeline recovered = failed.timelines().get(0);
        RecoveryTimeline calm = new RecoveryTimeline(recovered.faultId(), recovered.target(), "users",
                recovered.injectedAt(), null, null, null, null, 0L, 100.0, 40, 0, recovered.resolutionMillis(), null,
                null, null, null, null, null, null, null, null, null);
        RunVerdict twoProbes = new RunVerdict(failed.schemaVersion(), failed.messageId(), failed.runId(),
                failed.timestamp(), failed.experimentName(), Verdict.FAIL, List.of(recovered, calm), failed.slos(),
                failed.findings(), failed.probeIntervalMillis());
        RunVerdict onlyCalm = new RunVerdict(failed.schemaVersion(), failed.messageId(), failed.runId(),
                failed.timestamp(), failed.experimentName(), Verdict.FAIL, List.of(calm), failed.slos(),
                failed.findings(), failed.probeIntervalMillis());

        assertThat(all.forVerdict(twoProbes).orElseThrow().figures()).contains(
                "time to recover: 1234 ms (the longest of those that failed, resolution 250 ms; 1 never failed)");
        assertThat(all.forVerdict(onlyCalm).orElseThrow().figures())
                .contains("time to recover: no probe failed (1 watched)");
    }

    @Test
    void aPassVerdictOrAFailWithFailOffRaisesNothing() {
        RunVerdict failed = RunFixtures.failedVerdict("run-1");
        RunVerdict passed = new RunVerdict(failed.schemaVersion(), failed.messageId(), failed.runId(),
                failed.timestamp(), failed.experimentName(), Verdict.PASS, failed.timelines(), failed.slos(),
                List.of(), failed.probeIntervalMillis());

        assertThat(all.forVerdict(passed)).isEmpty();
        assertThat(new AlertRules(EnumSet.of(AlertKind.ABORT), BASE).forVerdict(failed)).isEmpty();
    }

    @Test
    void anAbortWhoseReasonSaysHaltedIsAHaltTheOthersAreAborts() {
        RunAborted halted = RunAborted.of("run-2", "halted by alice: bad deploy", "alice", Instant.EPOCH);
        RunAborted breached = RunAborted.of("run-3", "SLO breached: error rate 12 % above 5 %", null, Instant.EPOCH);

        Alert halt = all.forEvent(halted, run -> new RunFacts("checkout-kill", null, true)).orElseThrow();
        Alert abort = all.forEvent(breached, run -> RunFacts.UNKNOWN).orElseThrow();

        assertThat(halt.kind()).isEqualTo(AlertKind.HALT);
        assertThat(halt.id()).isEqualTo("halt:run-2");
        assertThat(halt.headline()).isEqualTo("run run-2 of checkout-kill: halted");
        assertThat(halt.figures()).containsExactly("reason: halted by alice: bad deploy", "by: alice");
        assertThat(abort.kind()).isEqualTo(AlertKind.ABORT);
        assertThat(abort.id()).isEqualTo("abort:run-3");
        // The reporter never saw the run start: no experiment is invented.
        assertThat(abort.experiment()).isNull();
        assertThat(abort.headline()).isEqualTo("run run-3: aborted");
        assertThat(abort.reportUrl())
                .hasToString("https://faultline.example/reporter/api/v1/reports/run-3?format=html");
    }

    @Test
    void eachKindCanBeSwitchedOffOnItsOwn() {
        AlertRules onlyHalts = new AlertRules(EnumSet.of(AlertKind.HALT), BASE);

        assertThat(onlyHalts.forEvent(RunAborted.of("r", "halted by bob: x", "bob", Instant.EPOCH),
                r -> RunFacts.UNKNOWN)).isPresent();
        assertThat(onlyHalts.forEvent(RunAborted.of("r", "probe failed", null, Instant.EPOCH), r -> RunFacts.UNKNOWN))
                .isEmpty();
        assertThat(onlyHalts.forEvent(skipped(), r -> RunFacts.UNKNOWN)).isEmpty();
        assertThat(new AlertRules(EnumSet.noneOf(AlertKind.class), BASE).enabled()).isEmpty();
    }

    @Test
    void anAbortedRunAlertsOnceAsItsAbortAndItsFailVerdictRaisesNothingMore() {
        RunVerdict failed = RunFixtures.failedVerdict("run-1");
        RunVerdict failedWithTheAbortInItsFindings = new RunVerdict(failed.schemaVersion(), failed.messageId(),
                failed.runId(), failed.timestamp(), failed.experimentName(), Verdict.FAIL, failed.timelines(),
                failed.slos(), List.of("run aborted: SLO breached: error rate 12 % above 5 %"),
                failed.probeIntervalMillis());

        assertThat(all.forEvent(RunAborted.of("run-1", "SLO breached", null, Instant.EPOCH),
                r -> new RunFacts("kill-web", null, true))).isPresent();
        assertThat(all.forVerdict(failed, new RunFacts("kill-web", null, true)))
                .as("the run-aborted is on record").isEmpty();
        assertThat(all.forVerdict(failedWithTheAbortInItsFindings, RunFacts.UNKNOWN))
                .as("the verdict overtook the run-aborted: its findings tell the abort").isEmpty();
        assertThat(all.forVerdict(failed, new RunFacts("kill-web", null, false))).isPresent();
    }

    @Test
    void aScheduledRunAlertsOnTheKindsItsScheduleNamedAndAHandStartedOneOnTheReportersOwn() {
        AlertRules onlyFails = new AlertRules(EnumSet.of(AlertKind.FAIL), BASE);
        RunVerdict failed = RunFixtures.failedVerdict("run-1");
        RunAborted breached = RunAborted.of("run-1", "SLO breached", null, Instant.EPOCH);
        RunFacts abortsOnly = new RunFacts("kill-web", List.of("abort"), false);

        assertThat(onlyFails.forVerdict(failed, abortsOnly)).isEmpty();
        assertThat(onlyFails.forEvent(breached, r -> abortsOnly)).isPresent();
        assertThat(onlyFails.forVerdict(failed, new RunFacts("kill-web", null, false))).isPresent();
        assertThat(onlyFails.forEvent(breached, r -> new RunFacts("kill-web", null, false))).isEmpty();
        assertThat(all.forVerdict(failed, new RunFacts("kill-web", List.of(), false)))
                .as("a schedule that names no kind alerts on nothing").isEmpty();
    }

    @Test
    void aSkippedOccurrenceAlertsWhenItsScheduleNamesSkippedWhateverTheReportersOwnKinds() {
        AlertRules onlyFails = new AlertRules(EnumSet.of(AlertKind.FAIL), BASE);
        RunSkipped named = RunSkipped.of("nightly", "checkout-kill", "ab".repeat(32),
                Instant.parse("2026-12-01T02:00:00Z"), "missed", "orchestrator was down", List.of("skipped"),
                Instant.EPOCH);
        RunSkipped notNamed = RunSkipped.of("nightly", "checkout-kill", "ab".repeat(32),
                Instant.parse("2026-12-01T02:00:00Z"), "missed", "orchestrator was down", List.of("fail"),
                Instant.EPOCH);

        assertThat(onlyFails.forEvent(named, r -> RunFacts.UNKNOWN)).isPresent();
        assertThat(onlyFails.forEvent(skipped(), r -> RunFacts.UNKNOWN)).isEmpty();
        assertThat(all.forEvent(notNamed, r -> RunFacts.UNKNOWN)).isEmpty();
    }

    @Test
    void aSkippedOccurrenceIsOneAlertPerScheduleAndOccurrenceWithoutARunOrReport() {
        Alert alert = all.forEvent(skipped(), r -> {
            throw new AssertionError("a skipped occurrence has no run to look up");
        }).orElseThrow();

        assertThat(alert.id()).isEqualTo("skipped:nightly@2026-12-01T02:00:00Z");
        assertThat(alert.kind()).isEqualTo(AlertKind.SKIPPED);
        assertThat(alert.runId()).isNull();
        assertThat(alert.scheduleId()).isEqualTo("nightly");
        assertThat(alert.reportUrl()).isNull();
        assertThat(alert.headline()).isEqualTo("schedule nightly of checkout-kill: occurrence skipped (target-down)");
        assertThat(alert.figures()).containsExactly("reason: target-down, target already down: checkout exited",
                "occurrence: 2026-12-01T02:00:00Z");
    }

    @Test
    void reportLinksAreEscapedAndJoinedToABaseWithOrWithoutItsSlash() {
        AlertRules noSlash = new AlertRules(EnumSet.allOf(AlertKind.class), URI.create("http://127.0.0.1:18083"));

        assertThat(noSlash.reportUrl("run 1/2"))
                .hasToString("http://127.0.0.1:18083/api/v1/reports/run+1%2F2?format=html");
        assertThat(all.reportUrl("r")).hasToString("https://faultline.example/reporter/api/v1/reports/r?format=html");
    }

    @Test
    void theKindsAreTheOnesASchedulesAlertOnMayName() {
        assertThat(java.util.Arrays.stream(AlertKind.values()).map(AlertKind::configName))
                .containsExactlyElementsOf(dev.faultline.common.event.AlertKinds.NAMES);
    }

    @Test
    void kindsAreParsedByTheirConfigNames() {
        assertThat(AlertKind.parse(" Skipped ")).isEqualTo(AlertKind.SKIPPED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertKind.parse("failure"))
                .hasMessageContaining("fail, abort, halt, skipped");
    }

    private static RunSkipped skipped() {
        return RunSkipped.of("nightly", "checkout-kill", "ab".repeat(32), Instant.parse("2026-12-01T02:00:00Z"),
                "target-down", "target already down: checkout exited", Instant.parse("2026-12-01T02:00:01Z"));
    }
}
