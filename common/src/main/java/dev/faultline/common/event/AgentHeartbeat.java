package dev.faultline.common.event;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import dev.faultline.common.capability.AgentCapabilities;
import dev.faultline.common.target.ContainerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An agent is alive, and this is what it can target on its host: the containers that opted in, in every
 * state (the orchestrator targets only the running ones).
 *
 * @param interval     when the next heartbeat is due; an agent silent for three intervals is considered gone
 * @param capabilities what the agent's host can do; absent from agents older than this field
 */
public record AgentHeartbeat(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String agentId,
        String hostname,
        Duration interval,
        List<ContainerInfo> inventory,
        AgentCapabilities capabilities) implements ChaosEvent {

    public AgentHeartbeat {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, false)
                .notBlank(agentId, "agentId")
                .notBlank(hostname, "hostname")
                .positive(interval, "interval")
                .notNull(interval, "interval")
                .throwIfAny();
        inventory = inventory == null ? List.of() : List.copyOf(inventory);
    }

    public static AgentHeartbeat of(String agentId, String hostname, Duration interval, List<ContainerInfo> inventory,
            Instant now) {
        return of(agentId, hostname, interval, inventory, null, now);
    }

    public static AgentHeartbeat of(String agentId, String hostname, Duration interval, List<ContainerInfo> inventory,
            AgentCapabilities capabilities, Instant now) {
        return new AgentHeartbeat(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), null, now, agentId, hostname,
                interval, inventory, capabilities);
    }

    @Override
    public String key() {
        return agentId;
    }
}
