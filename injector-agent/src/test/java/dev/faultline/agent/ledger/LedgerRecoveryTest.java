package dev.faultline.agent.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.testing.AgentFixture;
import dev.faultline.agent.testing.Commands;
import dev.faultline.agent.testing.FakeContainerRuntime;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.fault.ContainerStop;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An agent killed with faults in effect (kill -9: no shutdown hook ran) and started again. */
class LedgerRecoveryTest {

    private final AgentFixture agent = AgentFixture.withRealExecutors();

    @Test
    void aRestartedAgentRevertsWhatTheDeadOneLeftBehind() {
        for (String c : new String[] {"c1", "c2", "c3"}) {
            agent.runtime.add(FakeContainerRuntime.running(c, true));
            agent.router.route(Commands.pause(agent.agentId, "run-1", c, "f-" + c));
        }
        assertThat(agent.events.of(FaultInjected.class)).hasSize(3);
        assertThat(agent.runtime.paused()).containsExactlyInAnyOrder("c1", "c2", "c3");
        assertThat(agent.ledger.entries()).hasSize(3);

        // The process dies: its memory (ActiveFaults, timers) is gone, the host and the ledger are not.
        AgentFixture restarted = agent.restarted();
        restarted.recovery.awaitFirstRecovery();

        assertThat(restarted.runtime.paused()).as("paused containers after recovery").isEmpty();
        assertThat(restarted.ledger.entries()).isEmpty();
        assertThat(restarted.events.of(FaultReverted.class))
                .extracting(FaultReverted::faultId, FaultReverted::cause)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("f-c1", "recovered-from-ledger"),
                        org.assertj.core.groups.Tuple.tuple("f-c2", "recovered-from-ledger"),
                        org.assertj.core.groups.Tuple.tuple("f-c3", "recovered-from-ledger"));
    }

    @Test
    void aCommandRedeliveredAfterTheRestartIsNotAppliedAgain() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        var pause = Commands.pause(agent.agentId, "run-1", "c1", "f-c1");
        agent.router.route(pause);
        AgentFixture restarted = agent.restarted();

        // Kafka redelivers what the dead agent had not committed: before the recovery ran...
        restarted.router.route(pause);
        assertThat(restarted.events.of(FaultInjected.class)).as("not applied a second time").isEmpty();
        restarted.recovery.awaitFirstRecovery();
        assertThat(restarted.runtime.paused()).isEmpty();

        // ...and after it: the tombstone says it was reverted already.
        restarted.router.route(pause);
        assertThat(restarted.events.of(FaultInjected.class)).isEmpty();
        assertThat(restarted.runtime.paused()).as("still not paused").isEmpty();
        assertThat(restarted.ledger.entries()).isEmpty();
    }

    @Test
    void aContainerStoppedByTheDeadAgentIsStartedAgain() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        agent.router.route(Commands.inject(agent.agentId, "c1", "f-stop", new ContainerStop(Duration.ofSeconds(1))));
        assertThat(agent.runtime.find("c1")).get().extracting(c -> c.status()).isEqualTo("exited");

        AgentFixture restarted = agent.restarted();
        restarted.recovery.awaitFirstRecovery();

        // A stopped container has no namespaces or cgroups left, but the stop itself is the fault's effect.
        assertThat(restarted.runtime.lifecycleCalls()).containsExactly("stop:c1", "start:c1");
        assertThat(restarted.runtime.find("c1")).get().extracting(c -> c.status()).isEqualTo("running");
        assertThat(restarted.ledger.entries()).isEmpty();
        assertThat(restarted.events.of(FaultReverted.class)).singleElement()
                .extracting(FaultReverted::cause).isEqualTo("recovered-from-ledger");
    }

    @Test
    void aStoppedTargetOfAFaultThatLivedInItsProcessesLeavesTheLedgerUntouched() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        agent.router.route(Commands.pause(agent.agentId, "run-1", "c1", "f-c1"));
        agent.runtime.add(FakeContainerRuntime.exited("c1", true));

        AgentFixture restarted = agent.restarted();
        restarted.recovery.awaitFirstRecovery();

        assertThat(restarted.runtime.lifecycleCalls()).as("not started: it was not this fault that stopped it")
                .containsExactly("pause:c1");
        assertThat(restarted.ledger.entries()).isEmpty();
    }

    @Test
    void aTargetThatIsGoneCountsAsRevertedAndLeavesTheLedger() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        agent.router.route(Commands.pause(agent.agentId, "run-1", "c1", "f-c1"));
        agent.runtime.remove("c1");

        AgentFixture restarted = agent.restarted();
        restarted.recovery.awaitFirstRecovery();

        assertThat(restarted.ledger.entries()).isEmpty();
        assertThat(restarted.events.of(FaultReverted.class)).singleElement()
                .extracting(FaultReverted::cause).isEqualTo("recovered-from-ledger");
    }

    @Test
    void aRevertThatFailsStaysInTheLedgerAndIsRetried() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        agent.router.route(Commands.pause(agent.agentId, "run-1", "c1", "f-c1"));
        agent.runtime.failUnpausesWith(new IllegalStateException("engine busy"));

        AgentFixture restarted = agent.restarted();
        restarted.recovery.awaitFirstRecovery();
        assertThat(restarted.recovery.pending()).isTrue();
        assertThat(restarted.ledger.entries()).hasSize(1);
        assertThat(restarted.runtime.paused()).containsExactly("c1");

        restarted.runtime.failUnpausesWith(null);
        assertThat(restarted.recovery.recover()).isEqualTo(1);
        assertThat(restarted.runtime.paused()).isEmpty();
        assertThat(restarted.recovery.pending()).isFalse();
    }

    @Test
    void aFaultIsInTheLedgerBeforeItIsAppliedAndLeavesAfterItsRevert() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        boolean[] recordedBeforeApply = {false};
        // The fake pauses synchronously: look at the ledger from inside the executor's call.
        agent.runtime.onPause(() -> recordedBeforeApply[0] = agent.ledger.contains("f-c1"));

        agent.router.route(Commands.pause(agent.agentId, "run-1", "c1", "f-c1"));
        assertThat(recordedBeforeApply[0]).isTrue();

        agent.router.route(dev.faultline.common.command.RevertFault.of("run-1", "f-c1",
                Commands.target(agent.agentId, "c1"), Commands.T0));
        assertThat(agent.ledger.entries()).isEmpty();
        assertThat(agent.runtime.paused()).isEmpty();
    }

    @Test
    void oneShotFaultsNeedNoLedgerEntry() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        agent.router.route(Commands.inject(agent.agentId, "c1", "f-kill", Commands.dockerKill()));
        assertThat(agent.runtime.kills()).hasSize(1);
        assertThat(agent.ledger.entries()).isEmpty();
    }
}
