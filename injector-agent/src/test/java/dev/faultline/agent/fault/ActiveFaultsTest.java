package dev.faultline.agent.fault;

import static dev.faultline.agent.testing.AgentFixture.AGENT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.agent.testing.Commands;
import dev.faultline.common.command.HaltAll;
import dev.faultline.agent.testing.ManualRevertScheduler;
import dev.faultline.agent.testing.MutableClock;
import dev.faultline.common.fault.ContainerKill;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The timing of lasting faults. No lasting fault type exists yet, so the entries carry a container-kill spec as
 * plain data: ActiveFaults only keeps, times and hands back.
 */
class ActiveFaultsTest {

    private final MutableClock clock = new MutableClock(Commands.T0);
    private final ManualRevertScheduler scheduler = new ManualRevertScheduler(clock);
    private final ActiveFaults activeFaults = new ActiveFaults(scheduler);
    private final List<String> due = new ArrayList<>();

    @Test
    void handsTheFaultBackWhenItsDurationEnds() {
        activeFaults.track(fault("f1"), Duration.ofSeconds(30), f -> due.add(f.faultId()));

        scheduler.advance(Duration.ofSeconds(29));
        assertThat(due).isEmpty();
        assertThat(activeFaults.isActive("f1")).isTrue();

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(due).containsExactly("f1");
        assertThat(activeFaults.isActive("f1")).isFalse();

        scheduler.advance(Duration.ofMinutes(5));
        assertThat(due).as("once only").containsExactly("f1");
    }

    @Test
    void removingAFaultCancelsItsTimer() {
        activeFaults.track(fault("f1"), Duration.ofSeconds(30), f -> due.add(f.faultId()));

        assertThat(activeFaults.remove("f1")).isPresent();
        assertThat(scheduler.pending()).isZero();
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(due).isEmpty();
        assertThat(activeFaults.remove("f1")).as("already removed").isEmpty();
    }

    @Test
    void aHaltTakesEveryFaultItCoversAndCancelsTheirTimers() {
        activeFaults.track(fault("f1"), Duration.ofSeconds(10), f -> due.add(f.faultId()));
        activeFaults.track(fault("f2"), Duration.ofSeconds(20), f -> due.add(f.faultId()));

        assertThat(activeFaults.removeCoveredBy(HaltAll.of("stop", "alice", Commands.T0)))
                .extracting(ActiveFault::faultId).containsExactlyInAnyOrder("f1", "f2");
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(due).isEmpty();
        assertThat(activeFaults.size()).isZero();
    }

    @Test
    void zeroDurationStaysUntilRemoved() {
        activeFaults.track(fault("f1"), Duration.ZERO, f -> due.add(f.faultId()));

        scheduler.advance(Duration.ofHours(1));

        assertThat(due).isEmpty();
        assertThat(activeFaults.isActive("f1")).isTrue();
    }

    @Test
    void refusesToTrackTheSameFaultTwice() {
        activeFaults.track(fault("f1"), Duration.ofSeconds(10), f -> due.add(f.faultId()));

        assertThatThrownBy(() -> activeFaults.track(fault("f1"), Duration.ofSeconds(10), f -> due.add("again")))
                .isInstanceOf(IllegalStateException.class);
    }

    static ActiveFault fault(String faultId) {
        return new ActiveFault(Commands.inject(AGENT_ID, "c1", faultId, ContainerKill.sigkill()),
                new Target(Commands.target(AGENT_ID, "c1"), "c1", "c1-name", 4242, faultId), new RecordingExecutor());
    }
}
