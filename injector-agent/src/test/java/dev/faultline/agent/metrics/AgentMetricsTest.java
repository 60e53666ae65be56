package dev.faultline.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.lease.LeaseWatchdog;
import dev.faultline.agent.testing.AgentFixture;
import dev.faultline.agent.testing.Commands;
import dev.faultline.agent.testing.FakeContainerRuntime;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.command.RevertFault;
import dev.faultline.common.fault.ContainerPause;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The agent's metrics as its real command path records them, on a fake host and a controlled clock. */
class AgentMetricsTest {

    private static final String PAUSE = "container-pause";

    private final AgentFixture agent = AgentFixture.withRealExecutors();

    @Test
    void anInjectionIsTimedFromItsCommandAndCountedAsActiveUntilItsRevert() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        // The command was sent 300 ms before the agent acts on it (Kafka, admission).
        agent.clock.advance(Duration.ofMillis(300));
        agent.router.route(Commands.pause(agent.agentId, "run-1", "c1", "f-1"));

        assertThat(activeFaults(PAUSE)).isEqualTo(1.0);
        assertThat(activeFaults("container-kill")).as("every type has its series, 0 when idle").isZero();
        Timer delay = agent.meters.get("faultline.fault.injection.delay").tag("agent", AgentFixture.AGENT_ID)
                .tag("type", PAUSE).timer();
        assertThat(delay.count()).isEqualTo(1);
        assertThat(delay.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(300.0);
        assertThat(agent.meters.get("faultline.fault.apply.duration").tag("type", PAUSE).timer().count())
                .isEqualTo(1);

        agent.router.route(RevertFault.of("run-1", "f-1", Commands.target(agent.agentId, "c1"),
                agent.clock.instant()));
        assertThat(activeFaults(PAUSE)).isZero();
        assertThat(agent.meters.get("faultline.fault.revert.duration").tag("type", PAUSE).tag("cause", "requested")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void aTimedRevertIsMeasuredAgainstThePlannedEnd() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        agent.router.route(InjectFault.of("run-1", "f-1", Commands.target(agent.agentId, "c1"), new ContainerPause(),
                Duration.ofSeconds(5), agent.clock.instant()));

        agent.scheduler.advance(Duration.ofSeconds(5));

        Timer late = agent.meters.get("faultline.fault.revert.delay").tag("type", PAUSE).timer();
        assertThat(late.count()).isEqualTo(1);
        assertThat(late.totalTime(TimeUnit.MILLISECONDS)).isZero();
        assertThat(agent.meters.get("faultline.fault.revert.duration").tag("cause", "duration-ended").timer().count())
                .isEqualTo(1);
    }

    @Test
    void aFaultStillInEffectAfterItsLeaseEndedShowsUntilTheWatchdogRevertsIt() {
        LeaseWatchdog watchdog = new LeaseWatchdog(agent.leases, agent.reverter, agent.recovery,
                Duration.ofMillis(250));
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        agent.router.route(Commands.pause(agent.agentId, "run-1", "c1", "f-1"));
        assertThat(pastLease()).isZero();

        agent.clock.advance(AgentFixture.LEASE.plusSeconds(1));
        assertThat(pastLease()).as("the lease ended, the watchdog has not run yet").isEqualTo(1.0);

        assertThat(watchdog.check()).isEqualTo(1);
        assertThat(pastLease()).isZero();
        assertThat(agent.meters.get("faultline.agent.lease.expiries").counter().count()).isEqualTo(1);
        assertThat(agent.meters.get("faultline.fault.revert.duration").tag("cause", "lease-expired").timer().count())
                .isEqualTo(1);

        // A lease that ends with nothing left to revert (the run ended normally) is not an expiry worth counting.
        agent.clock.advance(AgentFixture.LEASE.plusSeconds(1));
        watchdog.check();
        assertThat(agent.meters.get("faultline.agent.lease.expiries").counter().count()).isEqualTo(1);
    }

    @Test
    void refusedInjectionsAndFailedRevertsAreCountedByReason() {
        agent.router.route(Commands.pause(agent.agentId, "run-1", "gone", "f-1"));
        assertThat(agent.meters.get("faultline.fault.failures").tag("type", PAUSE).tag("reason", "target-not-found")
                .counter().count()).isEqualTo(1);

        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        agent.router.route(Commands.pause(agent.agentId, "run-1", "c1", "f-2"));
        agent.runtime.failUnpausesWith(new IllegalStateException("docker is not answering"));
        agent.router.route(RevertFault.of("run-1", "f-2", Commands.target(agent.agentId, "c1"),
                agent.clock.instant()));
        assertThat(agent.meters.get("faultline.fault.revert.failures").tag("type", PAUSE).counter().count())
                .isEqualTo(1);
        assertThat(agent.meters.find("faultline.fault.revert.duration").timer()).isNull();
    }

    private double activeFaults(String type) {
        return agent.meters.get("faultline.agent.active.faults").tag("agent", AgentFixture.AGENT_ID).tag("type", type)
                .gauge().value();
    }

    private double pastLease() {
        return agent.meters.get("faultline.agent.faults.past.lease").gauge().value();
    }
}
