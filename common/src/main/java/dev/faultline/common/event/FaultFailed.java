package dev.faultline.common.event;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import dev.faultline.common.target.TargetRef;
import java.time.Instant;

/** An agent could not apply a fault; {@code detail} says why in words a person can act on. */
public record FaultFailed(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String agentId,
        String faultId,
        String faultType,
        TargetRef target,
        FailureReason reason,
        String detail) implements ChaosEvent {

    public FaultFailed {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true)
                .notBlank(agentId, "agentId")
                .notBlank(faultId, "faultId")
                .notBlank(faultType, "faultType")
                .notNull(target, "target")
                .notNull(reason, "reason")
                .notBlank(detail, "detail")
                .throwIfAny();
    }

    public static FaultFailed of(String runId, String faultId, String faultType, TargetRef target,
            FailureReason reason, String detail, Instant now) {
        return new FaultFailed(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, target.agentId(),
                faultId, faultType, target, reason, detail);
    }

    @Override
    public String key() {
        return runId;
    }
}
