package dev.faultline.common.event;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import dev.faultline.common.target.TargetRef;
import java.time.Instant;

/**
 * A fault took effect on its target.
 *
 * @param injectedAt when the agent's action completed, on the agent's clock: the start of every recovery timeline
 * @param applyMillis how long the action took; the fault began somewhere in the {@code applyMillis} before
 *                    {@code injectedAt}
 */
public record FaultInjected(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String agentId,
        String faultId,
        String faultType,
        TargetRef target,
        Instant injectedAt,
        long applyMillis) implements ChaosEvent {

    public FaultInjected {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true)
                .notBlank(agentId, "agentId")
                .notBlank(faultId, "faultId")
                .notBlank(faultType, "faultType")
                .notNull(target, "target")
                .notNull(injectedAt, "injectedAt")
                .require(applyMillis >= 0, "applyMillis", "must not be negative")
                .throwIfAny();
    }

    public static FaultInjected of(String runId, String faultId, String faultType, TargetRef target,
            Instant injectedAt, long applyMillis, Instant now) {
        return new FaultInjected(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, target.agentId(),
                faultId, faultType, target, injectedAt, applyMillis);
    }

    @Override
    public String key() {
        return runId;
    }
}
