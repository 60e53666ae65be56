package dev.faultline.orchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.event.CommandRejected;
import dev.faultline.orchestrator.agents.AgentDirectory;
import dev.faultline.orchestrator.run.RunRegistry;
import dev.faultline.orchestrator.testing.ManualTime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gauges and counters the orchestrator's parts feed, on a controlled clock. */
class OrchestratorMetricsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final ManualTime time = new ManualTime(T0);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AgentDirectory agents = new AgentDirectory(time);
    private final OrchestratorMetrics metrics = new OrchestratorMetrics(meters, new RunRegistry(), agents, time);

    @Test
    void anAgentsHeartbeatAgeGrowsUntilItsNextHeartbeatAndOutlivesItsLiveness() {
        heartbeat("agent-1");
        time.advance(Duration.ofSeconds(12));
        assertThat(age("agent-1")).isEqualTo(12.0);
        assertThat(meters.get("faultline.agents.live").gauge().value()).isEqualTo(1.0);

        heartbeat("agent-1");
        assertThat(age("agent-1")).isZero();

        // Silent for longer than three intervals: no longer live, and its age says for how long.
        time.advance(Duration.ofMinutes(2));
        assertThat(meters.get("faultline.agents.live").gauge().value()).isZero();
        assertThat(age("agent-1")).isEqualTo(120.0);
    }

    @Test
    void rejectionsAreCountedByAgentAndReasonAndRunsByState() {
        metrics.commandRejected(CommandRejected.of("agent-1", "replayed", "nonce seen", null, null, null, null, T0));
        metrics.commandRejected(CommandRejected.of("agent-1", "replayed", "nonce seen", null, null, null, null, T0));
        metrics.commandRejected(CommandRejected.of("agent-2", "unsigned", "no signature", null, null, null, null, T0));

        assertThat(meters.get("faultline.command.rejections").tags("agent", "agent-1", "reason", "replayed")
                .counter().count()).isEqualTo(2);
        assertThat(meters.get("faultline.command.rejections").tags("agent", "agent-2", "reason", "unsigned")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("faultline.runs").tag("state", "running").gauge().value())
                .as("every state has its series, 0 when none").isZero();
    }

    private void heartbeat(String agentId) {
        agents.record(AgentHeartbeat.of(agentId, "host", Duration.ofSeconds(10), List.of(), time.instant()));
        metrics.heartbeatReceived(agentId);
    }

    private double age(String agentId) {
        return meters.get("faultline.agent.heartbeat.age").tag("agent", agentId).gauge().value();
    }
}
