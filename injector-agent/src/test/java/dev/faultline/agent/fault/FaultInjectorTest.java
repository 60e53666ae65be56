package dev.faultline.agent.fault;

import static dev.faultline.agent.testing.AgentFixture.AGENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.agent.testing.AgentFixture;
import dev.faultline.agent.testing.Commands;
import dev.faultline.agent.testing.FakeContainerRuntime;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.event.FailureReason;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    private final AgentFixture agent = AgentFixture.withRealExecutors();

    @Test
    void reportsWhenTheActionCompletedAndHowLongItTook() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        agent.runtime.onKill(() -> agent.clock.advance(Duration.ofMillis(120)));

        agent.injector.inject(inject("c1"));

        FaultInjected injected = agent.events.of(FaultInjected.class).get(0);
        assertThat(injected.injectedAt()).isEqualTo(Commands.T0.plusMillis(120));
        assertThat(injected.applyMillis()).isEqualTo(120);
        assertThat(injected.faultType()).isEqualTo("container-kill");
        assertThat(injected.agentId()).isEqualTo(AGENT_ID);
        assertThat(injected.runId()).isEqualTo("run-1");
        assertThat(agent.runtime.kills()).containsExactly("c1:KILL");
        assertThat(agent.activeFaults.size()).as("a kill is one-shot, nothing to revert later").isZero();
    }

    @Test
    void unknownContainerIsTargetNotFound() {
        agent.injector.inject(inject("gone"));

        assertThat(onlyFailure().reason()).isEqualTo(FailureReason.TARGET_NOT_FOUND);
        assertThat(onlyFailure().detail()).contains("gone");
    }

    @Test
    void stoppedContainerIsTargetNotRunning() {
        agent.runtime.add(FakeContainerRuntime.exited("c1", true));

        agent.injector.inject(inject("c1"));

        assertThat(onlyFailure().reason()).isEqualTo(FailureReason.TARGET_NOT_RUNNING);
        assertThat(onlyFailure().detail()).contains("exited");
        assertThat(agent.runtime.kills()).isEmpty();
    }

    @Test
    void containerWithoutTheLabelIsRefusedWhateverTheOrchestratorSaid() {
        agent.runtime.add(FakeContainerRuntime.running("c1", false));
        agent.runtime.add(new InspectedContainer("c2", "c2-name", "running", 99, Map.of("faultline.enabled", "false")));

        agent.injector.inject(inject("c1"));
        agent.injector.inject(inject("c2"));

        assertThat(agent.events.of(FaultFailed.class)).extracting(FaultFailed::reason)
                .containsExactly(FailureReason.TARGET_NOT_OPTED_IN, FailureReason.TARGET_NOT_OPTED_IN);
        assertThat(agent.runtime.kills()).isEmpty();
    }

    @Test
    void theHostsAllowListOptsInAComposeProjectAndRefusesOthersSayingWhy() {
        FaultInjector injector = new FaultInjector(agent.runtime, new FaultExecutorRegistry(java.util.List.of(
                new dev.faultline.agent.fault.container.ContainerKillExecutor(agent.runtime,
                        new dev.faultline.agent.process.ProcessRunner()))),
                agent.activeFaults, agent.reverter, agent.ledger, agent.leases,
                new dev.faultline.agent.safety.PlatformGuard(java.util.Optional.empty()), FaultInjector.Limits.defaults(),
                agent.events, agent.clock, type -> dev.faultline.common.capability.Capability.available("supported"),
                dev.faultline.agent.platform.TargetStateWatcher.NONE,
                new dev.faultline.agent.safety.OptInPolicy(java.util.List.of("shop"), java.util.List.of()));
        agent.runtime.add(new InspectedContainer("c1", "shop-product-1", "running", 99,
                Map.of("com.docker.compose.project", "shop")));
        agent.runtime.add(new InspectedContainer("c2", "search-api-1", "running", 98,
                Map.of("com.docker.compose.project", "search")));

        injector.inject(inject("c1"));
        injector.inject(inject("c2"));

        assertThat(agent.runtime.kills()).containsExactly("c1:KILL");
        FaultFailed refused = agent.events.of(FaultFailed.class).get(0);
        assertThat(refused.reason()).isEqualTo(FailureReason.TARGET_NOT_OPTED_IN);
        assertThat(refused.detail()).isEqualTo("container search-api-1 does not carry the label"
                + " faultline.enabled=true, is not in an allowed Compose project (its project: search; allowed: shop);"
                + " the agent refuses it");
    }

    @Test
    void optInIsReportedBeforeTheState() {
        agent.runtime.add(FakeContainerRuntime.exited("c1", false));

        agent.injector.inject(inject("c1"));

        assertThat(onlyFailure().reason()).isEqualTo(FailureReason.TARGET_NOT_OPTED_IN);
    }

    @Test
    void faultTypeWithoutExecutorIsUnsupported() {
        AgentFixture bare = AgentFixture.withoutExecutors();
        bare.runtime.add(FakeContainerRuntime.running("c1", true));

        bare.injector.inject(inject("c1"));

        FaultFailed failed = bare.events.of(FaultFailed.class).get(0);
        assertThat(failed.reason()).isEqualTo(FailureReason.UNSUPPORTED_FAULT);
        assertThat(failed.detail()).contains("container-kill");
    }

    @Test
    void faultTheHostCannotRunIsUnsupportedOnHostAndNothingIsDone() {
        FaultInjector injector = new FaultInjector(agent.runtime,
                new FaultExecutorRegistry(java.util.List.of(new dev.faultline.agent.fault.container.ContainerKillExecutor(
                        agent.runtime, new dev.faultline.agent.process.ProcessRunner()))),
                agent.activeFaults, agent.reverter, agent.ledger, agent.leases,
                new dev.faultline.agent.safety.PlatformGuard(java.util.Optional.empty()), FaultInjector.Limits.defaults(),
                agent.events, agent.clock,
                type -> dev.faultline.common.capability.Capability.missing("the Docker engine does not answer"));
        agent.runtime.add(FakeContainerRuntime.running("c1", true));

        injector.inject(inject("c1"));

        assertThat(onlyFailure().reason()).isEqualTo(FailureReason.UNSUPPORTED_ON_HOST);
        assertThat(onlyFailure().detail())
                .isEqualTo("this host cannot run container-kill: the Docker engine does not answer");
        assertThat(agent.runtime.kills()).isEmpty();
    }

    @Test
    void executorFailureIsARuntimeErrorWithItsMessage() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        agent.runtime.failKillsWith(new IllegalStateException("Cannot kill container c1: is not running"));

        agent.injector.inject(inject("c1"));

        assertThat(onlyFailure().reason()).isEqualTo(FailureReason.RUNTIME_ERROR);
        assertThat(onlyFailure().detail()).isEqualTo("Cannot kill container c1: is not running");
        assertThat(agent.events.of(FaultInjected.class)).isEmpty();
    }

    @Test
    void unreachableRuntimeIsARuntimeError() {
        agent.runtime.makeUnreachable("connection refused");

        agent.injector.inject(inject("c1"));

        assertThat(onlyFailure().reason()).isEqualTo(FailureReason.RUNTIME_ERROR);
        assertThat(onlyFailure().detail()).contains("connection refused");
    }

    private static InjectFault inject(String containerId) {
        return Commands.inject(AGENT_ID, containerId, "f-" + containerId, Commands.dockerKill());
    }

    private FaultFailed onlyFailure() {
        assertThat(agent.events.events()).hasSize(1);
        return agent.events.of(FaultFailed.class).get(0);
    }
}
