package dev.faultline.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    @Test
    void aPipeGetsTimestampedLinesOnlyForChanges() {
        StringWriter out = new StringWriter();
        ProgressDisplay plain = ProgressDisplay.of(false, new PrintWriter(out), Clock.fixed(RunViews.AFTER_INJECTION,
                ZoneOffset.UTC), 120, "Ctrl-C asks whether to abort the run.");
        plain.show(RunViews.snapshot("warm-up", RunViews.DURING_WARM_UP));
        plain.show(RunViews.snapshot("warm-up", RunViews.DURING_WARM_UP));
        plain.show(RunViews.snapshot("faults", RunViews.AFTER_INJECTION));
        String text = out.toString();
        assertThat(text).doesNotContain("\u001b[");
        assertThat(text.lines()).hasSize(7).allMatch(l -> l.startsWith("13:22:07 "));
        assertThat(text).contains("13:22:07 fault f-1 (container-kill on faultline-demo-target) injected at "
                + "13:22:05.123");
    }

    @Test
    void aTerminalGetsOneScreenRedrawnInPlace() {
        StringWriter out = new StringWriter();
        ProgressDisplay screen = ProgressDisplay.of(true, new PrintWriter(out), Clock.fixed(RunViews.AFTER_INJECTION,
                ZoneOffset.UTC), 120, "Ctrl-C asks whether to abort the run.");
        screen.show(RunViews.snapshot("warm-up", RunViews.DURING_WARM_UP));
        int firstFrame = (int) out.toString().lines().count();
        assertThat(out.toString()).doesNotContain("\u001b[");
        screen.show(RunViews.snapshot("faults", RunViews.AFTER_INJECTION));
        String text = out.toString();
        // The second frame first moves up over the first one and clears it.
        assertThat(text).contains("\u001b[" + firstFrame + "F\u001b[J");
        String secondFrame = text.substring(text.indexOf("\u001b[J") + 3);
        assertThat(secondFrame).contains("Phase observing  (17 s of observation left)")
                .contains("demo-health  failed  60.000 %")
                .contains("BREACH 13:22:07 min-availability")
                .contains("Ctrl-C asks whether to abort the run.");
    }

    @Test
    void theScreenShowsFaultsProbesAndBreaches() {
        assertThat(ProgressScreen.render(RunViews.snapshot("faults", RunViews.AFTER_INJECTION),
                RunViews.AFTER_INJECTION, ZoneOffset.UTC)).containsExactly(
                "Run run-20261201-132202-a1b2c3  experiment demo-container-kill",
                "Phase observing  (17 s of observation left)",
                "",
                "  fault  type            target                 injected      reverted  note",
                "  -----  --------------  ---------------------  ------------  --------  ----",
                "  f-1    container-kill  faultline-demo-target  13:22:05.123  -         -",
                "",
                "  probe        state   availability  samples  failed  last error",
                "  -----------  ------  ------------  -------  ------  ------------------",
                "  demo-health  failed  60.000 %      22       4       connection refused",
                "",
                "  BREACH 13:22:07 min-availability: availability can no longer reach 90 %");
    }

    @Test
    void anOlderServerSaysItHasNoLiveProbes() {
        assertThat(ProgressScreen.render(RunViews.snapshot("older-server-running", RunViews.AFTER_INJECTION),
                RunViews.AFTER_INJECTION, ZoneOffset.UTC))
                .contains("  probes: this orchestrator sends no live probe states (older than run progress)");
    }

    @Test
    void longLinesAreCutToTheTerminalsWidthSoThatTheRedrawCountHolds() {
        StringWriter out = new StringWriter();
        ProgressDisplay.of(true, new PrintWriter(out), Clock.fixed(RunViews.AFTER_INJECTION, ZoneOffset.UTC), 40,
                "Ctrl-C asks whether to abort the run.")
                .show(RunViews.snapshot("faults", RunViews.AFTER_INJECTION));
        assertThat(out.toString().lines()).allMatch(l -> l.length() <= 40);
    }
}
