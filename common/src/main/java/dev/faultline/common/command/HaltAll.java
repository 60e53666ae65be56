package dev.faultline.common.command;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import dev.faultline.common.topic.Topics;
import java.time.Instant;

/** Revert every active fault of every run, now. Belongs to no run, so {@code runId} is absent. */
public record HaltAll(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String agentId,
        String reason,
        String operator) implements ChaosCommand {

    public HaltAll {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, false)
                .notBlank(agentId, "agentId")
                .notBlank(reason, "reason")
                .notBlank(operator, "operator")
                .throwIfAny();
    }

    public static HaltAll of(String reason, String operator, Instant now) {
        return new HaltAll(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), null, now, Topics.BROADCAST_KEY,
                reason, operator);
    }
}
