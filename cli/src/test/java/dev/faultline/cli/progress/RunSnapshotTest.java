package dev.faultline.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSnapshotTest {

    @Test
    void readsTheLiveFieldsOfARunView() {
        RunSnapshot run = RunViews.snapshot("faults", RunViews.AFTER_INJECTION);
        assertThat(run.phase()).isEqualTo("observing");
        assertThat(run.faults()).singleElement().satisfies(f -> {
            assertThat(f.faultId()).isEqualTo("f-1");
            assertThat(f.type()).isEqualTo("container-kill");
            assertThat(f.target()).isEqualTo("faultline-demo-target");
            assertThat(f.injectedAt()).isEqualTo(Instant.parse("2026-12-01T13:22:05.123Z"));
            assertThat(f.revertedAt()).isNull();
        });
        assertThat(run.liveProbes()).isTrue();
        assertThat(run.probes()).containsExactly(
                new RunSnapshot.Probe("demo-health", "failed", 60.0, 22, 4, "connection refused"));
        assertThat(run.breaches()).extracting(RunSnapshot.Breach::objective).containsExactly("min-availability");
        assertThat(run.terminal()).isFalse();
        assertThat(run.verdictName()).isNull();
    }

    @Test
    void aServerWithoutLiveFieldsStillReadsAndItsPhaseIsDerived() {
        RunSnapshot run = RunViews.snapshot("older-server-running", RunViews.AFTER_INJECTION);
        assertThat(run.liveProbes()).isFalse();
        assertThat(run.probes()).isEmpty();
        assertThat(run.breaches()).isEmpty();
        assertThat(run.phase()).as("every fault injected, window open").isEqualTo("observing");
        assertThat(RunSnapshot.of(RunViews.json("older-server-running"), RunViews.DURING_WARM_UP).phase())
                .isEqualTo("warm-up");
        assertThat(RunSnapshot.of(RunViews.json("older-server-running"), Instant.parse("2026-12-01T13:22:30Z"))
                .phase()).as("after the window").isEqualTo("judging");
    }

    @Test
    void derivedPhasesFollowTheStateFirstThenTheInstants() {
        Instant inject = Instant.parse("2026-12-01T10:00:10Z");
        Instant until = Instant.parse("2026-12-01T10:00:40Z");
        RunSnapshot.Fault pending = new RunSnapshot.Fault("f-1", "cpu-stress", "t", null, null, null, null);
        RunSnapshot.Fault failed = new RunSnapshot.Fault("f-1", "cpu-stress", "t", null, null, null, "no stress-ng");
        Instant during = Instant.parse("2026-12-01T10:00:20Z");
        assertThat(RunSnapshot.derivedPhase("RUNNING", inject, until, List.of(pending), during)).isEqualTo("faults");
        assertThat(RunSnapshot.derivedPhase("RUNNING", inject, until, List.of(failed), during))
                .isEqualTo("observing");
        assertThat(RunSnapshot.derivedPhase("FINISHED", inject, until, List.of(), during)).isEqualTo("judging");
        assertThat(RunSnapshot.derivedPhase("COMPLETED", inject, until, List.of(), during)).isEqualTo("completed");
        assertThat(RunSnapshot.derivedPhase("ABORTED", inject, until, List.of(), inject.minusSeconds(5)))
                .isEqualTo("aborted");
    }

    @Test
    void theEndIsTerminalWithItsVerdictOrItsReason() {
        RunSnapshot pass = RunViews.snapshot("completed-pass", RunViews.AFTER_INJECTION);
        assertThat(pass.terminal()).isTrue();
        assertThat(pass.verdictName()).isEqualTo("PASS");
        assertThat(pass.liveProbes()).as("progress: null is still the field").isTrue();
        RunSnapshot aborted = RunViews.snapshot("aborted", RunViews.AFTER_INJECTION);
        assertThat(aborted.terminal()).isTrue();
        assertThat(aborted.abortReason()).contains("Ctrl-C");
    }
}
