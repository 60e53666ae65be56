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
import dev.faultline.common.event.FaultInjected;
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
