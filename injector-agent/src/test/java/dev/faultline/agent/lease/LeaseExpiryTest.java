package dev.faultline.agent.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.testing.AgentFixture;
import dev.faultline.agent.testing.Commands;
import dev.faultline.agent.testing.FakeContainerRuntime;
import dev.faultline.common.command.RenewLease;
import dev.faultline.common.event.FaultReverted;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The dead-man switch with a controlled clock: leases start at injection and end unless renewed. */
class LeaseExpiryTest {

    private final AgentFixture agent = AgentFixture.withRealExecutors();
    private final LeaseWatchdog watchdog = new LeaseWatchdog(agent.leases, agent.reverter, agent.recovery,
            Duration.ofMillis(250));

    @Test
    void faultsOfARunWhoseOrchestratorWentSilentAreRevertedWhenTheLeaseEnds() {
        injectPauses("run-1", "a1", "a2", "a3");
        injectPauses("run-2", "b1");

        // run-2's orchestrator keeps renewing; run-1's stops (orchestrator killed, or Kafka gone).
        for (int second = 1; second <= 14; second++) {
            agent.clock.advance(Duration.ofSeconds(1));
            agent.router.route(RenewLease.of("run-2", agent.clock.instant().plus(AgentFixture.LEASE),
                    agent.clock.instant()));
            assertThat(watchdog.check()).as("nothing expires before the lease at second %d", second).isZero();
        }
        agent.clock.advance(Duration.ofSeconds(1));
        assertThat(watchdog.check()).isEqualTo(3);

        assertThat(agent.runtime.paused()).containsExactly("b1");
        assertThat(agent.ledger.entries()).extracting(e -> e.faultId()).containsExactly("f-b1");
        assertThat(agent.events.of(FaultReverted.class))
                .allMatch(r -> r.cause().equals("lease-expired") && r.runId().equals("run-1"))
                .extracting(FaultReverted::faultId).containsExactlyInAnyOrder("f-a1", "f-a2", "f-a3");

        // run-2 too once its renewals stop.
        agent.clock.advance(AgentFixture.LEASE.plusSeconds(1));
        assertThat(watchdog.check()).isEqualTo(1);
        assertThat(agent.runtime.paused()).isEmpty();
        assertThat(agent.ledger.entries()).isEmpty();
    }

    @Test
    void renewalsAreMeasuredOnTheAgentsClockNotTheSenders() {
        injectPauses("run-1", "a1");
        // An orchestrator whose clock is an hour behind still grants 15 s, not 15 s minus an hour.
        agent.clock.advance(Duration.ofSeconds(10));
        agent.router.route(RenewLease.of("run-1", Commands.T0.minusSeconds(3600).plusSeconds(15),
                Commands.T0.minusSeconds(3600)));
        agent.clock.advance(Duration.ofSeconds(14));
        assertThat(watchdog.check()).isZero();
        agent.clock.advance(Duration.ofSeconds(2));
        assertThat(watchdog.check()).isEqualTo(1);
    }

    @Test
    void aRenewalCannotSwitchTheDeadManSwitchOff() {
        injectPauses("run-1", "a1");
        agent.router.route(RenewLease.of("run-1", Commands.T0.plus(Duration.ofDays(365)), Commands.T0));
        agent.clock.advance(AgentFixture.LEASE.multipliedBy(4).plusSeconds(1));
        assertThat(watchdog.check()).isEqualTo(1);
    }

    private void injectPauses(String runId, String... containers) {
        for (String c : containers) {
            agent.runtime.add(FakeContainerRuntime.running(c, true));
            agent.router.route(Commands.pause(agent.agentId, runId, c, "f-" + c));
        }
    }
}
