package dev.faultline.common.command;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import dev.faultline.common.topic.Topics;
import java.time.Instant;

/** The run is still wanted: keep its faults until {@code expiresAt}, revert them if no renewal comes by then. */
public record RenewLease(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String agentId,
        Instant expiresAt) implements ChaosCommand {

    public RenewLease {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true)
                .notBlank(agentId, "agentId")
                .notNull(expiresAt, "expiresAt")
                .throwIfAny();
    }

    public static RenewLease of(String runId, Instant expiresAt, Instant now) {
        return new RenewLease(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, Topics.BROADCAST_KEY,
                expiresAt);
    }
}
