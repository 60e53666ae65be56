package dev.faultline.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.FailureBreakdown;
import dev.faultline.common.verdict.FailureKind;
import dev.faultline.common.verdict.ProbeStatus;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunProgress;
import dev.faultline.common.verdict.SloBreached;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.common.run.RunState;
import dev.faultline.orchestrator.run.RunPhase;
import dev.faultline.orchestrator.run.RunView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final TargetRef TARGET = new TargetRef("agent-1", "c0ffee", "orders-1");

    @Test
    void aProbeThatNeverFailedIsShownAsSuchNotAsNotRecovered() {
        RecoveryTimeline untouched = new RecoveryTimeline("f1", TARGET, "catalog", T0, null, null, null, null, 0L,
                100.0, 40, 0, 250).withFailures(FailureBreakdown.NONE);
        RecoveryTimeline hit = new RecoveryTimeline("f1", TARGET, "orders", T0, T0.plusMillis(250),
                T0.plusMillis(1_000), T0.plusMillis(1_250), 250L, 1_250L, 90.0, 40, 4, 250)
                .withFailures(new FailureBreakdown(Map.of(405, 3L), Map.of(FailureKind.TIMEOUT, 1L)));
        RunVerdict verdict = RunVerdict.of("run-1", "kill-orders", Verdict.PASS, List.of(untouched, hit),
                List.of(new SloResult("min-availability", "percent", 80, 90.0, SloStatus.PASS, "probes")), List.of(),
                250, T0.plusSeconds(20));
        RunView run = new RunView("run-1", "kill-orders", RunState.FINISHED, T0, T0, T0.plusSeconds(10),
                T0.plusSeconds(10), List.of(), List.of(), List.of(), null, verdict);

        String text = RunSummary.render(run);

        assertThat(text).doesNotContain("not recovered");
        assertThat(text.lines().filter(l -> l.startsWith("orders-1  catalog")).findFirst().orElseThrow()
                .split("\\s{2,}")).containsExactly("orders-1", "catalog", "never failed", "never failed", "100.000 %",
                "0 of 40");
        assertThat(text).contains("1.250 s").contains("4 of 40 (405 ×3, timeout ×1)");
    }

    @Test
    void aRunningRunShowsItsPhaseBreachesAndEachProbeAsTheLatestProgressHasIt() {
        RunProgress progress = RunProgress.of("run-2", List.of(
                new ProbeStatus("orders", "failed", T0.plusSeconds(7), 28, 6, 75.0, null, "connection refused"),
                new ProbeStatus("catalog", "ok", T0.plusSeconds(7), 28, 0, null, 200, null)), T0.plusSeconds(7));
        RunView run = new RunView("run-2", "kill-orders", RunState.RUNNING, T0, T0.plusSeconds(2),
                T0.plusSeconds(12), null, List.of(), List.of(), List.of(), null, null, RunPhase.FAULTS, List.of(),
                List.of(SloBreached.of("run-2", "min-availability", "percent", 99, 80, "too many failures", false,
                        T0.plusSeconds(6))), progress);

        String text = RunSummary.render(run);

        assertThat(text).startsWith("Run run-2  experiment kill-orders  state RUNNING  phase faults\n")
                .contains("Breached at " + T0.plusSeconds(6) + ": min-availability: too many failures")
                .contains("No verdict yet.");
        assertThat(text.lines().filter(l -> l.startsWith("orders")).findFirst().orElseThrow().split("\\s{2,}"))
                .containsExactly("orders", "failed", "28", "6", "75.000 %", "connection refused");
        assertThat(text.lines().filter(l -> l.startsWith("catalog")).findFirst().orElseThrow().split("\\s{2,}"))
                .containsExactly("catalog", "ok", "28", "0", "-", "status 200");
    }
}
