package dev.faultline.common.event;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import java.time.Instant;

/** A run was stopped before its end: halted by an operator, stopped by an SLO breach, or failed to start. */
public record RunAborted(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String reason,
        String operator) implements ChaosEvent {

    public RunAborted {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true)
                .notBlank(reason, "reason")
                .throwIfAny();
    }

    public static RunAborted of(String runId, String reason, String operator, Instant now) {
        return new RunAborted(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, reason, operator);
    }

    @Override
    public String key() {
        return runId;
    }
}
