package dev.faultline.reporter.report;

import static dev.faultline.reporter.RunFixtures.T0;
import static dev.faultline.reporter.RunFixtures.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.Message;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.verdict.BreakerTimeline;
import dev.faultline.common.verdict.BreakerTransition;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.FailureBreakdown;
import dev.faultline.common.verdict.IntegrityReport;
import dev.faultline.common.verdict.FailureKind;
import dev.faultline.common.verdict.LoadRoute;
import dev.faultline.common.verdict.LoadSecond;
import dev.faultline.common.verdict.LoadSummary;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.ScalingReport;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.reporter.RunFixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private static final String RUN = "run-42";

    private static String failedReport() {
        return MarkdownReport.render(
                RunReport.of(RunFixtures.failedVerdict(RUN), RunFixtures.events(RUN), Optional.empty()));
    }

    @Test
    void titleAndSummaryNameTheExperimentTheVerdictAndTheRunTimes() {
        String md = failedReport();

        assertThat(md).startsWith("# Chaos run report: kill-web — FAIL\n");
        assertThat(md).contains("| Run id | `run-42` |")
                .contains("| Started | 2024-05-01T10:00:00.000Z |")
                .contains("| Finished | 2024-05-01T10:00:12.000Z |")
                .contains("| Verdict | **FAIL** |")
                .contains("| Resilience score | score 50 (objectives 1/2), docs/verdict.md |")
                .contains("| Probe interval (resolution) | 0.250 s |");
    }

    @Test
    void recoveryTableShowsTheMeasuredTimelineWithItsResolution() {
        String md = failedReport();

        assertThat(md).contains("| Target | Probe | Injected at | Detected at | Recovered at |"
                + " Target down / up / healthy (Docker) | Time to detect |"
                + " Time to recover | Availability | Probes failed / total | Failures by cause | Resolution |");
        assertThat(md).contains("| web@agent-1 | web-health | 2024-05-01T10:00:02.000Z | 2024-05-01T10:00:02.250Z"
                + " | 2024-05-01T10:00:03.234Z | not reported | 0.250 s | 1.234 s | 87.500 % | 5 / 40 | not recorded"
                + " | 0.250 s |");
    }

    @Test
    void recoveryTableShowsEachTransitionsOwnResolutionWhenAdaptiveProbingMadeItFiner() {
        RecoveryTimeline timeline = new RecoveryTimeline("f-1", WEB, "web-health", T0.plusSeconds(2),
                T0.plusMillis(2_008), T0.plusMillis(3_230), T0.plusMillis(3_240), 8L, 1_240L, 87.5, 40, 5, 250)
                .withTransitionResolutions(9L, 10L);
        RunVerdict verdict = new RunVerdict(Message.SCHEMA_VERSION, "v-5", RUN, T0.plusSeconds(80), "kill-web",
                Verdict.FAIL, List.of(timeline), List.of(), List.of(), 250);

        String md = MarkdownReport.render(RunReport.of(verdict, List.of(), Optional.empty()));

        assertThat(md).contains("| 0.250 s (detected ±0.009 s, recovered ±0.010 s) |");
    }

    @Test
    void recoveryTableShowsTheTargetsOwnInstantsFromDockerBesideTheServicesRecovery() {
        RecoveryTimeline timeline = new RecoveryTimeline("f-1", WEB, "web-health", T0.plusSeconds(2),
                T0.plusMillis(2_250), T0.plusMillis(66_750), T0.plusSeconds(67), 250L, 65_000L, 40.0, 300, 180, 250)
                .withPlatform(T0.plusMillis(2_003), T0.plusMillis(17_200), null);
        RunVerdict verdict = new RunVerdict(Message.SCHEMA_VERSION, "v-4", RUN, T0.plusSeconds(80), "kill-web",
                Verdict.FAIL, List.of(timeline), List.of(), List.of(), 250);

        String md = MarkdownReport.render(RunReport.of(verdict, List.of(), Optional.empty()));

        assertThat(md).contains("| 2024-05-01T10:01:07.000Z | 2024-05-01T10:00:02.003Z / 2024-05-01T10:00:17.200Z"
                + " / no health check |");
        assertThat(md).contains("*Target down / up / healthy (Docker)* are the Docker engine's own event times");
    }

    @Test
    void objectivesTableShowsThresholdMeasuredStatusAndMethod() {
        String md = failedReport();

        assertThat(md).contains("| max-recovery-time | 30.000 s | 1.234 s | **PASS** |"
                + " injection to sustained recovery, from probes every 250 ms |");
        assertThat(md).contains("| min-availability | 99.000 % | 87.500 % | **FAIL** |"
                + " successful probes over all probes from injection to the end of the window |");
    }

    @Test
    void findingsEventsAndMethodSectionsArePresentInOrder() {
        String md = failedReport();

        assertThat(md).containsSubsequence("## Summary", "## Recovery", "## Objectives", "## Findings", "## Events",
                "## How these numbers were measured");
        assertThat(md).contains("- availability 87.500 % is below the objective of 99.000 %\n");
        assertThat(md).containsSubsequence(
                "| 2024-05-01T10:00:00.000Z | run-started |  |  |  | experiment kill-web, 1 planned fault(s)",
                "| 2024-05-01T10:00:02.010Z | fault-injected | agent-1 | container-kill (f-1) | web@agent-1 |"
                        + " took effect at 2024-05-01T10:00:02.000Z (agent's clock), action took 0.010 s |",
                "| 2024-05-01T10:00:12.005Z | run-finished |  |  |  | observation ended at 2024-05-01T10:00:12.000Z;"
                        + " faults applied: 1, failed: 0 |");
        assertThat(md).contains("Probes were issued every 0.250 s; that interval is the resolution")
                .contains("*Injected at* is the agent's clock");
    }

    @Test
    void passingRunWhoseProbeNeverFailedSaysSoInsteadOfShowingTimes() {
        RecoveryTimeline untouched = new RecoveryTimeline("f-2", WEB, "web-health", T0.plusSeconds(2), null, null,
                null, null, 0L, 100.0, 40, 0, 100);
        RunVerdict pass = new RunVerdict(Message.SCHEMA_VERSION, "v-2", RUN, T0.plusSeconds(13), "kill-web",
                Verdict.PASS, List.of(untouched),
                List.of(new SloResult("min-availability", "percent", 99.9, 100.0, SloStatus.PASS, "probes")),
                List.of(), 100);

        String md = MarkdownReport.render(RunReport.of(pass, List.of(), Optional.empty()));

        assertThat(md).startsWith("# Chaos run report: kill-web — PASS\n");
        assertThat(md).contains("| web@agent-1 | web-health | 2024-05-01T10:00:02.000Z | never failed | never failed |"
                + " not reported | never failed | never failed | 100.000 % | 0 / 40 | not recorded | 0.100 s |");
        assertThat(md).doesNotContain("not recovered");
        assertThat(md).contains("| min-availability | 99.900 % | 100.000 % | **PASS** | probes |");
        assertThat(md).contains("| Started | not recorded |").contains("No event of this run was recorded.");
        assertThat(md).contains("## Findings\n\nNone.");
    }

    @Test
    void abortedRunAndUnmeasuredObjectiveAreShownAsSuch() {
        RunVerdict noData = new RunVerdict(Message.SCHEMA_VERSION, "v-3", RUN, T0.plusSeconds(5), "kill-web",
                Verdict.FAIL, List.of(),
                List.of(new SloResult("max-recovery-time", "ms", 30_000, null, SloStatus.NO_DATA, "no fault applied")),
                List.of("no fault took effect"), 250);
        RunAborted aborted = new RunAborted(Message.SCHEMA_VERSION, "a-1", RUN, T0.plusSeconds(4),
                "halted | by operator", "alice");

        String md = MarkdownReport.render(RunReport.of(noData, List.of(aborted), Optional.empty()));

        assertThat(md).contains("| Aborted | halted \\| by operator (by alice) |")
                .contains("| Finished | 2024-05-01T10:00:04.000Z |")
                .contains("No recovery timeline: no fault took effect")
                .contains("| max-recovery-time | 30.000 s | no data | **NO_DATA** | no fault applied |");
    }

    @Test
    void failuresAreBrokenDownByCausePerProbeAndForTheLoadPerRouteAndPerSecond() {
        RecoveryTimeline hit = RunFixtures.timeline()
                .withFailures(new FailureBreakdown(Map.of(405, 4L), Map.of(FailureKind.TIMEOUT, 1L)));
        FailureBreakdown ordersFailures = new FailureBreakdown(Map.of(405, 66L), Map.of(FailureKind.TIMEOUT, 24L));
        LoadRoute orders = new LoadRoute("GET /api/orders/{{ id }}", 200, 90, 45.0, 4L, 9_000L, 10_000L,
                Map.of(200, 110L, 405, 66L), ordersFailures);
        LoadRoute catalog = new LoadRoute("GET /api/catalog", 100, 0, 0, 3L, 5L, 8L, Map.of(200, 100L),
                FailureBreakdown.NONE);
        LoadSummary load = new LoadSummary(300, 90, 30.0, 4L, 9_000L, 10_000L, 1,
                List.of(new LoadSecond(T0.plusSeconds(3), 20, 0, 4L, 6L, FailureBreakdown.NONE),
                        new LoadSecond(T0.plusSeconds(4), 20, 5, 4L, 10_000L,
                                new FailureBreakdown(Map.of(405, 4L), Map.of(FailureKind.REFUSED, 1L)))),
                "load test (Artillery) responses", Map.of(200, 210L, 405, 66L), ordersFailures,
                List.of(catalog, orders));
        RunVerdict base = RunFixtures.failedVerdict(RUN);
        RunVerdict verdict = RunVerdict.of(RUN, base.experimentName(), Verdict.FAIL, List.of(hit), base.slos(),
                base.findings(), base.probeIntervalMillis(), null, load, List.of(), null, T0.plusSeconds(13));

        String md = MarkdownReport.render(RunReport.of(verdict, List.of(), Optional.empty()));

        assertThat(md).contains("| 87.500 % | 5 / 40 | 405 ×4, timeout ×1 | 0.250 s |");
        assertThat(md).containsSubsequence("## Recovery", "## Load", "## Objectives");
        assertThat(md).contains("| **all routes** | 300 | 90 | 30.000 % | 0.004 s | 9.000 s | 10.000 s |"
                + " 200 ×210, 405 ×66 | 405 ×66, timeout ×24 |");
        assertThat(md).contains("| GET /api/orders/{{ id }} | 200 | 90 | 45.000 % | 0.004 s | 9.000 s | 10.000 s |"
                + " 200 ×110, 405 ×66 | 405 ×66, timeout ×24 |");
        assertThat(md).contains("| GET /api/catalog | 100 | 0 | 0.000 % | 0.003 s | 0.005 s | 0.008 s | 200 ×100 | none |");
        assertThat(md).contains("| 2024-05-01T10:00:04.000Z | 20 | 5 | 405 ×4, refused ×1 | 10.000 s |")
                .doesNotContain("| 2024-05-01T10:00:03.000Z | 20 | 0 |");
    }

    @Test
    void integrityShowsTheMissingChangedAndDuplicatedIdsAndWhatDiffered() {
        IntegrityReport integrity = new IntegrityReport(5, List.of("4", "5"), List.of(), List.of("2"), false,
                "after the run: GET http://127.0.0.1:8080/items/{id} for every acknowledged id", List.of("1", "3"),
                List.of("1: field sku expected \"sku-1\", found \"sku-6\"", "3: field qty expected 3, found 8"));
        CheckResult check = new CheckResult("data-integrity", SloStatus.FAIL, "5 acknowledged writes; ...",
                integrity.method());
        RunVerdict verdict = RunVerdict.of(RUN, "kill-web", Verdict.FAIL, List.of(), List.of(), List.of(), 250, null,
                null, List.of(check), integrity, T0.plusSeconds(13));

        String md = MarkdownReport.render(RunReport.of(verdict, List.of(), Optional.empty()));

        assertThat(md).contains("## Data integrity\n\n")
                .contains("| Acknowledged | 5 |  |")
                .contains("| Missing in the store (lost) | 2 | `4`, `5` |")
                .contains("| Changed (content differs: lost, id reissued) | 2 | `1`, `3` |")
                .contains("| Missing on the topic | 0 |  |")
                .contains("| Duplicated on the topic | 1 | `2` |")
                .contains("| RPO = 0 | **no** |  |")
                .contains("| Check | **FAIL** |  |")
                .contains("What differed:\n\n- 1: field sku expected \"sku-1\", found \"sku-6\"\n"
                        + "- 3: field qty expected 3, found 8\n")
                .contains("Read back after the run: GET http://127.0.0.1:8080/items/{id} for every acknowledged id.");
    }

    @Test
    void everyCheckIsShownPassedOnesToo() {
        CheckResult bulkhead = new CheckResult("bulkhead", SloStatus.PASS,
                "probes catalog, ratings never failed while orders' dependency was down", "probes every 0.250 s");
        CheckResult breaker = new CheckResult("circuit-breaker", SloStatus.FAIL,
                "no circuit breaker opened | within 10 s", "polls every 0.500 s");
        RunVerdict verdict = RunVerdict.of(RUN, "kill-web", Verdict.FAIL, List.of(), List.of(), List.of(), 250, null,
                null, List.of(bulkhead, breaker), null, T0.plusSeconds(13));

        String md = MarkdownReport.render(RunReport.of(verdict, List.of(), Optional.empty()));

        assertThat(md).contains("## Checks\n\n| Check | Status | What was seen | How measured |\n|---|---|---|---|\n"
                + "| bulkhead | **PASS** | probes catalog, ratings never failed while orders' dependency was down |"
                + " probes every 0.250 s |\n"
                + "| circuit-breaker | **FAIL** | no circuit breaker opened \\| within 10 s | polls every 0.500 s |\n");
        assertThat(failedReport()).doesNotContain("## Checks");
    }

    @Test
    void integrityThatCouldNotBeReadBackSaysSoAndNoSectionWithoutTheCheck() {
        CheckResult noData = new CheckResult("data-integrity", SloStatus.NO_DATA,
                "the acknowledged writes could not be read back", "read-back after the run");
        RunVerdict verdict = RunVerdict.of(RUN, "kill-web", Verdict.FAIL, List.of(), List.of(), List.of(), 250, null,
                null, List.of(noData), null, T0.plusSeconds(13));

        assertThat(MarkdownReport.render(RunReport.of(verdict, List.of(), Optional.empty())))
                .contains("## Data integrity\n\nNot measured: the acknowledged writes could not be read back"
                        + " (read-back after the run).");
        assertThat(failedReport()).doesNotContain("## Data integrity");
    }

    @Test
    void integrityListsAtMostFiftyIdsPerRowAndCountsTheRest() {
        List<String> lost = java.util.stream.IntStream.rangeClosed(1, 60).mapToObj(Integer::toString).toList();
        IntegrityReport integrity = new IntegrityReport(60, lost, List.of(), List.of(), false, "m");
        RunVerdict verdict = RunVerdict.of(RUN, "kill-web", Verdict.FAIL, List.of(), List.of(), List.of(), 250, null,
                null, List.of(), integrity, T0.plusSeconds(13));

        assertThat(MarkdownReport.render(RunReport.of(verdict, List.of(), Optional.empty())))
                .contains("`49`, `50` … and 10 more |").doesNotContain("`51`");
    }

    @Test
    void eachBreakerShowsItsStateChangesWithTheirInstantsAndResolution() {
        RunVerdict v = RunFixtures.failedVerdict(RUN);
        BreakerTimeline gateway = new BreakerTimeline("defaultCircuitBreaker", "resilience4j",
                "http://127.0.0.1:8090/actuator/prometheus",
                "resilience4j_circuitbreaker_state{name=\"defaultCircuitBreaker\"}", true, 48, 48, List.of(
                        new BreakerTransition("closed", T0, null),
                        new BreakerTransition("open", T0.plusMillis(2_500), T0.plusMillis(2_250)),
                        new BreakerTransition("half-open", T0.plusMillis(8_000), T0.plusMillis(7_750)),
                        new BreakerTransition("closed", T0.plusMillis(8_250), T0.plusMillis(8_000))), 250);
        RunVerdict withBreaker = new RunVerdict(v.schemaVersion(), v.messageId(), v.runId(), v.timestamp(),
                v.experimentName(), v.verdict(), v.timelines(), v.slos(), v.findings(), v.probeIntervalMillis(),
                v.mttrMillis(), v.load(), v.checks(), v.integrity(), List.of(gateway));

        String md = MarkdownReport.render(RunReport.of(withBreaker, RunFixtures.events(RUN), Optional.empty()));

        assertThat(md).contains("## Circuit breakers\n\n**defaultCircuitBreaker** (resilience4j, discovered):"
                + " `resilience4j_circuitbreaker_state{name=\"defaultCircuitBreaker\"}` at"
                + " http://127.0.0.1:8090/actuator/prometheus, 48 of 48 polls had its series; resolution 0.250 s.")
                .contains("| State | First seen at | Last poll before (old state) |")
                .contains("| closed | 2024-05-01T10:00:00.000Z | — (first state seen) |")
                .contains("| open | 2024-05-01T10:00:02.500Z | 2024-05-01T10:00:02.250Z |")
                .contains("| half-open | 2024-05-01T10:00:08.000Z | 2024-05-01T10:00:07.750Z |")
                .contains("| closed | 2024-05-01T10:00:08.250Z | 2024-05-01T10:00:08.000Z |")
                .contains("- *Circuit breakers* were read from their metrics endpoints");
        assertThat(failedReport()).doesNotContain("## Circuit breakers");
    }

    @Test
    void theScalingSectionShowsTheScaleOutTheColdStartsAndTheShareAcrossReplicas() {
        RunVerdict v = RunFixtures.failedVerdict(RUN);
        ScalingReport scaling = new ScalingReport("load step 20s after the load test's first request",
                T0.plusSeconds(1), List.of(new ScalingReport.Point(T0, 2, 2, 2, 2),
                        new ScalingReport.Point(T0.plusSeconds(2), 4, 2, 4, 2),
                        new ScalingReport.Point(T0.plusSeconds(9), 4, 4, 4, 4)),
                List.of(new ScalingReport.Event(T0.plusSeconds(2), "scale-out", null,
                        "Setting desired count to 4 (from 2). cause: request rate 40.0/s above the target 10/s"),
                        new ScalingReport.Event(T0.plusMillis(2_400), "started", "shop-product-3", null)),
                2, 4, 1_000L, 8_000L, List.of(new ScalingReport.ColdStart("shop-product-3", T0.plusMillis(2_400),
                        6_100L, 6_350L, "product-scaled-1")),
                2, T0, Map.of("product-1", 0.25, "product-scaled-1", 0.25), Map.of("product-1", 0.3,
                        "product-scaled-1", 0.2), 0.2, "replicas: containers labelled {faultline.service=shop}");
        RunVerdict scaled = v.withScaling(scaling, List.of(), List.of());

        String md = MarkdownReport.render(RunReport.of(scaled, RunFixtures.events(RUN), Optional.empty()));

        assertThat(md).contains("## Scaling\n\nTrigger: load step 20s after the load test's first request, at"
                        + " 2024-05-01T10:00:01.000Z. Scale-out **2 → 4** began 1.000 s after the trigger; all healthy"
                        + " **8.000 s** after the trigger (scale-out time).")
                .contains("| 2024-05-01T10:00:09.000Z | 4 | 4 | 4 | 4 |")
                .contains("| 2024-05-01T10:00:02.000Z | **scale-out** |  | Setting desired count to 4 (from 2).")
                .contains("| `shop-product-3` | 2024-05-01T10:00:02.400Z | 6.100 s | 6.350 s | `product-scaled-1` |")
                .contains("| `product-1` | 25.0 % | 30.0 % |")
                .contains("imbalance after the scale-out 20.0 % off an even share");
        assertThat(failedReport()).doesNotContain("## Scaling");
        assertThat(HtmlReport.render(RunReport.of(scaled, RunFixtures.events(RUN), Optional.empty())))
                .contains("class=\"scaling-chart\"").contains("data-series=\"healthy\"")
                .contains("class=\"scaling-event kind-scale-out\"");
    }

    @Test
    void theScalingSectionStatesACascadeAndTheScaleIn() {
        RunVerdict v = RunFixtures.failedVerdict(RUN);
        ScalingReport scaling = new ScalingReport("load step 30s after the load test's first request",
                T0.plusSeconds(1), List.of(new ScalingReport.Point(T0, 4, 4, 4, 4)), List.of(), 4, null, null, null,
                List.of(), 2, T0.plusSeconds(40), Map.of(), Map.of(), null, "replicas", 2, 36_000L, 97_000L, 2, 2,
                840L, 1_200L, 3L);
        String md = MarkdownReport.render(RunReport.of(v.withScaling(scaling, List.of(), List.of()),
                RunFixtures.events(RUN), Optional.empty()));
        assertThat(md).contains(" **2 scale-outs** after the trigger (a cascade: each with its cause in the scale"
                + " events).")
                .contains(" Scale-in to **2** began 36.000 s after the trigger, done 97.000 s after it; during it"
                        + " fewest healthy replicas 2, load test p99 840 ms, 3 of 1200 requests failed.");
    }
}
