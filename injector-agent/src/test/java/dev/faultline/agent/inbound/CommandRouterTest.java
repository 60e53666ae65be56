package dev.faultline.agent.inbound;

import static dev.faultline.agent.testing.AgentFixture.AGENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.testing.AgentFixture;
import dev.faultline.agent.testing.Commands;
import dev.faultline.agent.testing.FakeContainerRuntime;
import dev.faultline.common.command.HaltAll;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.command.RenewLease;
import dev.faultline.common.command.RevertFault;
import dev.faultline.common.event.FailureReason;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.command.ChaosCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandRouterTest {

    private AgentFixture agent;

    @BeforeEach
    void setUp() {
        agent = AgentFixture.withRealExecutors();
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
    }

    @Test
    void actsOnACommandAddressedToIt() {
        InjectFault inject = Commands.inject(AGENT_ID, "c1", "f1", Commands.dockerKill());

        assertThat(agent.router.route(inject)).isTrue();

        assertThat(agent.runtime.kills()).containsExactly("c1:KILL");
        assertThat(agent.events.of(FaultInjected.class)).singleElement()
                .satisfies(e -> assertThat(e.faultId()).isEqualTo("f1"));
    }

    @Test
    void aRevertOrAHaltReachesAFaultStillWaitingForItsInstant() throws Exception {
        agent.runtime.add(dev.faultline.agent.testing.FakeContainerRuntime.running("c1", true));
        agent.runtime.add(dev.faultline.agent.testing.FakeContainerRuntime.running("c2", true));
        java.time.Instant executeAt = agent.clock.instant().plusMillis(300);
        agent.router.route(Commands.inject(AGENT_ID, "c1", "f1", Commands.dockerKill()).withExecuteAt(executeAt));
        agent.router.route(Commands.inject(AGENT_ID, "c2", "f2", Commands.dockerKill()).withExecuteAt(executeAt));

        agent.router.route(RevertFault.of("run-1", "f1", Commands.target(AGENT_ID, "c1"), Commands.T0));
        assertThat(agent.injector.cancelAhead("f1")).as("the revert cancelled it").isFalse();
        agent.router.route(HaltAll.of("stop", "alice", Commands.T0));
        assertThat(agent.injector.cancelAhead("f2")).as("the halt cancelled it").isFalse();

        Thread.sleep(500);
        assertThat(agent.runtime.kills()).isEmpty();
    }

    @Test
    void aHaltReadLateLeavesAloneARunStartedAfterIt() {
        // After a restart an agent may read a halt after the commands of the next run (other partition, same poll).
        agent.runtime.add(FakeContainerRuntime.running("c2", true));
        agent.router.route(Commands.pause(AGENT_ID, "run-old", "c1", "f-old"));
        agent.router.route(Commands.pauseIssuedAt(AGENT_ID, "run-new", "c2", "f-new", Commands.T0.plusSeconds(10)));

        agent.router.route(HaltAll.of("stop", "alice", Commands.T0.plusSeconds(5)));

        assertThat(agent.events.of(FaultReverted.class)).extracting(FaultReverted::faultId).containsExactly("f-old");
        assertThat(agent.runtime.paused()).containsExactly("c2");
        assertThat(agent.activeFaults.isActive("f-new")).isTrue();
        assertThat(agent.leases.expiryOf("run-new")).as("the new run's lease still keeps its fault alive").isPresent();
        assertThat(agent.leases.expiryOf("run-old")).isEmpty();
    }

    @Test
    void anInjectIssuedBeforeAHaltThatWasReadFirstIsRefused() {
        agent.router.route(HaltAll.of("stop", "alice", Commands.T0.plusSeconds(5)));

        agent.router.route(Commands.pauseIssuedAt(AGENT_ID, "run-1", "c1", "f1", Commands.T0.plusSeconds(4)));

        assertThat(agent.runtime.paused()).isEmpty();
        assertThat(agent.activeFaults.size()).isZero();
        assertThat(agent.events.of(FaultFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.faultId()).isEqualTo("f1");
            assertThat(failed.reason()).isEqualTo(FailureReason.REFUSED_BY_LIMIT);
            assertThat(failed.detail()).contains("before the halt", "alice", "not applied");
        });
    }

    @Test
    void anInjectIssuedAfterTheHaltIsCarriedOut() {
        agent.router.route(HaltAll.of("stop", "alice", Commands.T0.plusSeconds(5)));

        agent.router.route(Commands.pauseIssuedAt(AGENT_ID, "run-2", "c1", "f2", Commands.T0.plusSeconds(6)));

        assertThat(agent.runtime.paused()).containsExactly("c1");
        assertThat(agent.events.of(FaultFailed.class)).isEmpty();
    }

    @Test
    void aHaltCancelsOnlyTheWaitingFaultsIssuedUpToIt() throws Exception {
        agent.runtime.add(FakeContainerRuntime.running("c2", true));
        java.time.Instant executeAt = agent.clock.instant().plusMillis(300);
        agent.router.route(Commands.inject(AGENT_ID, "c1", "f-old", Commands.dockerKill()).withExecuteAt(executeAt));
        agent.router.route(InjectFault.of("run-new", "f-new", Commands.target(AGENT_ID, "c2"), Commands.dockerKill(),
                java.time.Duration.ofSeconds(30), Commands.T0.plusSeconds(10)).withExecuteAt(executeAt));

        agent.router.route(HaltAll.of("stop", "alice", Commands.T0.plusSeconds(5)));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> !agent.runtime.kills().isEmpty());
        Thread.sleep(300);
        assertThat(agent.runtime.kills()).containsExactly("c2:KILL");
    }

    @Test
    void actsOnABroadcast() {
        assertThat(agent.router.route(HaltAll.of("stop", "alice", Commands.T0))).isTrue();
        assertThat(agent.router.route(RenewLease.of("run-1", Commands.T0.plusSeconds(30), Commands.T0))).isTrue();
    }

    @Test
    void ignoresCommandsForOtherAgents() {
        InjectFault inject = Commands.inject("agent-b", "c1", "f1", Commands.dockerKill());
        RevertFault revert = RevertFault.of("run-1", "f1", Commands.target("agent-b", "c1"), Commands.T0);

        assertThat(agent.router.route(inject)).isFalse();
        assertThat(agent.router.route(revert)).isFalse();

        assertThat(agent.runtime.kills()).isEmpty();
        assertThat(agent.events.events()).isEmpty();
    }

    @Test
    void dropsARedeliveredCommand() throws Exception {
        InjectFault inject = Commands.inject(AGENT_ID, "c1", "f1", Commands.dockerKill());
        // A redelivery is the same record read again: same message id, a different object.
        ChaosCommand again = ChaosJson.read(ChaosJson.write(inject), ChaosCommand.class);

        assertThat(agent.router.route(inject)).isTrue();
        assertThat(agent.router.route(again)).isFalse();

        assertThat(agent.runtime.kills()).containsExactly("c1:KILL");
        assertThat(agent.events.of(FaultInjected.class)).hasSize(1);
    }

    @Test
    void aNewMessageForTheSameFaultIsNotADuplicate() {
        agent.router.route(Commands.inject(AGENT_ID, "c1", "f1", Commands.dockerKill()));
        agent.router.route(Commands.inject(AGENT_ID, "c1", "f1", Commands.dockerKill()));

        // A kill is one-shot: a second command with its own message id is a second kill.
        assertThat(agent.runtime.kills()).containsExactly("c1:KILL", "c1:KILL");
    }
}
