package dev.faultline.common.event;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import java.time.Instant;
import java.util.List;

/**
 * An agent finished obeying a HaltAll: the summary after its FaultReverted events (cause {@code halted}). Keyed by
 * the agent id.
 *
 * @param haltMessageId the HaltAll command's message id, to match the answers of every agent to one halt
 * @param reverted      fault ids reverted
 * @param failed        fault ids whose revert failed (they may still be in effect; the agent logs why)
 * @param tookMillis    from receiving the halt to the last revert, by the agent's clock
 */
public record AgentHalted(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String agentId,
        String haltMessageId,
        String operator,
        List<String> reverted,
        List<String> failed,
        long tookMillis) implements ChaosEvent {

    public AgentHalted {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, false)
                .notBlank(agentId, "agentId")
                .notBlank(haltMessageId, "haltMessageId")
                .throwIfAny();
        reverted = reverted == null ? List.of() : List.copyOf(reverted);
        failed = failed == null ? List.of() : List.copyOf(failed);
    }

    public static AgentHalted of(String agentId, String haltMessageId, String operator, List<String> reverted,
            List<String> failed, long tookMillis, Instant now) {
        return new AgentHalted(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), null, now, agentId,
                haltMessageId, operator, reverted, failed, tookMillis);
    }

    @Override
    public String key() {
        return agentId;
    }
}
