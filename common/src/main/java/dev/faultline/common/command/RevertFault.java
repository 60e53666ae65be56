package dev.faultline.common.command;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import dev.faultline.common.target.TargetRef;
import java.time.Instant;

/** Undo one fault before its duration ends. Reverting a fault that is not active is harmless. */
public record RevertFault(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String agentId,
        String faultId,
        TargetRef target) implements ChaosCommand {

    public RevertFault {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true)
                .notBlank(agentId, "agentId")
                .notBlank(faultId, "faultId")
                .notNull(target, "target")
                .throwIfAny();
    }

    public static RevertFault of(String runId, String faultId, TargetRef target, Instant now) {
        return new RevertFault(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, target.agentId(),
                faultId, target);
    }
}
