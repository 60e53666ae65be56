package dev.faultline.common.event;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import dev.faultline.common.target.TargetRef;
import java.time.Instant;

/**
 * A fault's effect was removed (or found already gone).
 *
 * @param cause why: {@code duration-ended}, {@code requested}, {@code halted}, {@code lease-expired}, {@code recovered-from-ledger}
 */
public record FaultReverted(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String agentId,
        String faultId,
        String faultType,
        TargetRef target,
        Instant revertedAt,
        String cause) implements ChaosEvent {

    public FaultReverted {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true)
                .notBlank(agentId, "agentId")
                .notBlank(faultId, "faultId")
                .notBlank(faultType, "faultType")
                .notNull(target, "target")
                .notNull(revertedAt, "revertedAt")
                .notBlank(cause, "cause")
                .throwIfAny();
    }

    public static FaultReverted of(String runId, String faultId, String faultType, TargetRef target,
            Instant revertedAt, String cause, Instant now) {
        return new FaultReverted(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, target.agentId(),
                faultId, faultType, target, revertedAt, cause);
    }

    @Override
    public String key() {
        return runId;
    }
}
