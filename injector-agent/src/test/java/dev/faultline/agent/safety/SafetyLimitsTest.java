package dev.faultline.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.fault.FaultInjector;
import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.agent.testing.AgentFixture;
import dev.faultline.agent.testing.Commands;
import dev.faultline.agent.testing.FakeContainerRuntime;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.event.FailureReason;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.fault.ContainerPause;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SafetyLimitsTest {

    private static final String OWN = "a".repeat(64);

    private final AgentFixture agent = AgentFixture.with("agent-a",
            new FaultInjector.Limits(Duration.ofMinutes(10), 2), Optional.of(OWN));

    @Test
    void aFaultLongerThanTheMaximumIsRefusedBeforeAnythingHappens() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        InjectFault tooLong = InjectFault.of("run-1", "f-long", Commands.target("agent-a", "c1"),
                new ContainerPause(), Duration.ofMinutes(11), Commands.T0);

        agent.injector.inject(tooLong);

        FaultFailed failed = agent.events.of(FaultFailed.class).get(0);
        assertThat(failed.reason()).isEqualTo(FailureReason.REFUSED_BY_LIMIT);
        assertThat(failed.detail()).contains("660s").contains("600s").contains("max-fault-duration");
        assertThat(agent.runtime.paused()).isEmpty();
        assertThat(agent.ledger.entries()).isEmpty();
    }

    @Test
    void aFaultWithoutDurationEndsAtTheMaximum() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        agent.injector.inject(Commands.pause("agent-a", "run-1", "c1", "f-1"));
        agent.router.route(dev.faultline.common.command.RenewLease.of("run-1",
                Commands.T0.plus(Duration.ofHours(1)), Commands.T0)); // leases aside

        agent.scheduler.advance(Duration.ofMinutes(10));

        assertThat(agent.runtime.paused()).isEmpty();
    }

    @Test
    void noMoreConcurrentFaultsThanTheCap() {
        for (String c : new String[] {"c1", "c2", "c3"}) {
            agent.runtime.add(FakeContainerRuntime.running(c, true));
            agent.injector.inject(Commands.pause("agent-a", "run-1", c, "f-" + c));
        }
        assertThat(agent.events.of(FaultInjected.class)).hasSize(2);
        assertThat(agent.events.of(FaultFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo(FailureReason.REFUSED_BY_LIMIT))
                .satisfies(f -> assertThat(f.faultId()).isEqualTo("f-c3"));
        assertThat(agent.runtime.paused()).containsExactlyInAnyOrder("c1", "c2");
    }

    @Test
    void platformContainersAndTheAgentItselfAreRefusedUnlessAllowed() {
        agent.runtime.add(new InspectedContainer("kafka1", "kafka", "running", 10,
                Map.of("faultline.enabled", "true", "faultline.platform", "true")));
        agent.runtime.add(new InspectedContainer(OWN, "the-agent", "running", 11, Map.of("faultline.enabled", "true")));

        agent.injector.inject(Commands.pause("agent-a", "run-1", "kafka1", "f-kafka"));
        agent.injector.inject(Commands.pause("agent-a", "run-1", OWN, "f-self"));

        assertThat(agent.events.of(FaultFailed.class)).extracting(FaultFailed::reason)
                .containsOnly(FailureReason.REFUSED_BY_LIMIT).hasSize(2);
        assertThat(agent.events.of(FaultFailed.class).get(0).detail()).contains("faultline.platform=true");
        assertThat(agent.events.of(FaultFailed.class).get(1).detail()).contains("this agent runs in");
        assertThat(agent.runtime.paused()).isEmpty();

        agent.injector.inject(Commands.pause("agent-a", "run-1", "kafka1", "f-kafka-ok").withPlatformTargetsAllowed(true));
        assertThat(agent.runtime.paused()).containsExactly("kafka1");
    }

    @Test
    void ownContainerIdIsFoundInProcFiles() {
        String cgroupV1 = "12:freezer:/docker/" + OWN + "\n11:cpu:/docker/" + OWN + "\n";
        String mountinfo = "1 2 0:3 /var/lib/docker/containers/" + OWN + "/resolv.conf /etc/resolv.conf rw\n";
        assertThat(PlatformGuard.containerIdIn(cgroupV1)).contains(OWN);
        assertThat(PlatformGuard.containerIdIn(mountinfo)).contains(OWN);
        assertThat(PlatformGuard.containerIdIn("0::/user.slice/session-1.scope\n")).isEmpty();
    }
}
