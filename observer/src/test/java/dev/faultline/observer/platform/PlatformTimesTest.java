package dev.faultline.observer.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.TargetState;
import dev.faultline.common.event.TargetStateChanged;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.RecoveryTimeline;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the platform's reports on a target land on its recovery timeline (the observer's correlation). */
class PlatformTimesTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final TargetRef TARGET = new TargetRef("agent-1", "c0ffee", "gateway-product-1");
    static final TargetRef REPLACEMENT = new TargetRef("agent-1", "beef01", "gateway-product-2");

    static TargetStateChanged state(String faultId, TargetRef target, TargetState state, String action, long ms) {
        return TargetStateChanged.of("run-1", faultId, target, state, action, T0.plusMillis(ms), T0.plusMillis(ms));
    }

    static RecoveryTimeline timeline(String faultId, Long recoveredMs) {
        Instant recovered = recoveredMs == null ? null : T0.plusMillis(recoveredMs);
        return new RecoveryTimeline(faultId, TARGET, "health", T0, T0.plusMillis(250), T0.plusMillis(1_000),
                recovered, 250L, recoveredMs, 50.0, 100, 50, 250);
    }

    @Test
    void downUpAndHealthyAreTheFirstOfEachInDockersOrder() {
        RecoveryTimeline t = PlatformTimes.addTo(timeline("f0", 67_000L), List.of(
                // delivered out of order: Docker's instant decides, not the arrival
                state("f0", TARGET, TargetState.UP, "start", 15_200),
                state("f0", TARGET, TargetState.DOWN, "die", 3),
                state("f0", TARGET, TargetState.HEALTHY, "health_status: healthy", 20_000),
                state("f0", TARGET, TargetState.DOWN, "die", 30_000),
                state("f0", TARGET, TargetState.UP, "start", 31_000)));

        assertThat(t.platformDownAt()).isEqualTo(T0.plusMillis(3));
        assertThat(t.platformUpAt()).isEqualTo(T0.plusMillis(15_200));
        assertThat(t.platformHealthyAt()).isEqualTo(T0.plusMillis(20_000));
    }

    @Test
    void aReplacementContainerOfTheServiceCountsAsTheTargetBeingBack() {
        RecoveryTimeline t = PlatformTimes.addTo(timeline("f0", 67_000L), List.of(
                state("f0", TARGET, TargetState.DOWN, "die", 3),
                state("f0", REPLACEMENT, TargetState.UP, "start", 9_000)));

        assertThat(t.platformUpAt()).isEqualTo(T0.plusMillis(9_000));
    }

    @Test
    void onlyTheReportsOfTheTimelinesOwnFaultCount() {
        RecoveryTimeline t = PlatformTimes.addTo(timeline("f0", 67_000L), List.of(
                state("f1", TARGET, TargetState.DOWN, "die", 3),
                state("f1", TARGET, TargetState.UP, "start", 9_000)));

        assertThat(t.platformDownAt()).isNull();
        assertThat(t.platformUpAt()).isNull();
        assertThat(t.platformHealthyAt()).isNull();
    }

    @Test
    void anUpOrHealthyBeforeTheTargetWentDownIsNotItsReturn() {
        RecoveryTimeline t = PlatformTimes.addTo(timeline("f0", 67_000L), List.of(
                state("f0", TARGET, TargetState.HEALTHY, "health_status: healthy", 1),
                state("f0", TARGET, TargetState.DOWN, "die", 3)));

        assertThat(t.platformDownAt()).isEqualTo(T0.plusMillis(3));
        assertThat(t.platformUpAt()).isNull();
        assertThat(t.platformHealthyAt()).isNull();
    }

    @Test
    void aTargetThatNeverWentDownHasNoPlatformInstants() {
        RecoveryTimeline t = PlatformTimes.addTo(timeline("f0", 67_000L), List.of(
                state("f0", TARGET, TargetState.UP, "start", 5)));

        assertThat(t.platformDownAt()).isNull();
        assertThat(t.platformUpAt()).isNull();
    }
}
