package dev.faultline.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressChangesTest {

    @Test
    void aRunsStoryIsOneLinePerChange() {
        RunSnapshot warmUp = RunViews.snapshot("warm-up", RunViews.DURING_WARM_UP);
        RunSnapshot faults = RunViews.snapshot("faults", RunViews.AFTER_INJECTION);
        RunSnapshot end = RunViews.snapshot("completed-pass", RunViews.AFTER_INJECTION);

        assertThat(ProgressChanges.between(null, warmUp, ZoneOffset.UTC)).containsExactly(
                "run run-20261201-132202-a1b2c3 of experiment demo-container-kill: 1 fault(s) planned, "
                        + "first injection at 13:22:05",
                "phase warm-up (the steady state is checked until 13:22:05)",
                "probe demo-health none -> ok (0 of 6 samples failed)");
        assertThat(ProgressChanges.between(warmUp, faults, ZoneOffset.UTC)).containsExactly(
                "phase observing (observed until 13:22:25)",
                "fault f-1 (container-kill on faultline-demo-target) injected at 13:22:05.123",
                "probe demo-health ok -> failed (availability 60.000 %, 4 of 22 samples failed; connection refused)",
                "SLO breached: min-availability: availability can no longer reach 90 %");
        assertThat(ProgressChanges.between(faults, end, ZoneOffset.UTC)).containsExactly(
                "phase completed", "run completed: verdict PASS");
    }

    @Test
    void aPollThatChangedNothingGivesNoLine() {
        RunSnapshot faults = RunViews.snapshot("faults", RunViews.AFTER_INJECTION);
        assertThat(ProgressChanges.between(faults, RunViews.snapshot("faults", RunViews.AFTER_INJECTION),
                ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void anAbortSaysWhy() {
        RunSnapshot faults = RunViews.snapshot("faults", RunViews.AFTER_INJECTION);
        assertThat(ProgressChanges.between(faults, RunViews.snapshot("aborted", RunViews.AFTER_INJECTION),
                ZoneOffset.UTC)).containsExactly("phase aborted",
                        "run aborted: aborted by local-cli: aborted from the CLI (Ctrl-C)");
    }

    @Test
    void aRevertIsShownWithItsInstantAndCause() {
        com.fasterxml.jackson.databind.node.ObjectNode view = (com.fasterxml.jackson.databind.node.ObjectNode)
                RunViews.json("faults");
        RunSnapshot before = RunSnapshot.of(view, RunViews.AFTER_INJECTION);
        view.withArray("reverted").addObject().put("faultId", "f-1").put("revertedAt", "2026-12-01T13:22:15.000Z")
                .put("cause", "duration-ended");
        assertThat(ProgressChanges.between(before, RunSnapshot.of(view, RunViews.AFTER_INJECTION), ZoneOffset.UTC))
                .containsExactly("fault f-1 (container-kill on faultline-demo-target) reverted at 13:22:15.000 "
                        + "(duration-ended)");
    }
}
