package dev.faultline.reporter.report;

import static dev.faultline.reporter.RunFixtures.T0;
import static dev.faultline.reporter.RunFixtures.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.Message;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.reporter.RunFixtures;
import java.util.List;
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
                .contains("| Probe interval (resolution) | 0.250 s |");
    }

    @Test
    void recoveryTableShowsTheMeasuredTimelineWithItsResolution() {
        String md = failedReport();

        assertThat(md).contains("| Target | Probe | Injected at | Detected at | Recovered at | Time to detect |"
                + " Time to recover | Availability | Probes failed / total | Resolution |");
        assertThat(md).contains("| web@agent-1 | web-health | 2024-05-01T10:00:02.000Z | 2024-05-01T10:00:02.250Z"
                + " | 2024-05-01T10:00:03.234Z | 0.250 s | 1.234 s | 87.500 % | 5 / 40 | 0.250 s |");
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
        assertThat(md).contains("| web@agent-1 | web-health | 2024-05-01T10:00:02.000Z | never failed | — |"
                + " never failed | 0.000 s | 100.000 % | 0 / 40 | 0.100 s |");
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
}
