package dev.faultline.common.event;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import java.time.Instant;

/**
 * A security event: an agent refused a record on {@code chaos-commands} and did nothing. Keyed by the agent id.
 *
 * @param reason           {@code unsigned}, {@code bad-signature}, {@code unknown-key}, {@code expired},
 *                         {@code not-yet-valid}, {@code replayed}, {@code malformed}, {@code no-public-key}
 * @param commandMessageId the command's message id when it could be read, else absent
 * @param commandType      the command's type when it could be read, else absent
 * @param keyId            the key id the record claimed, if any
 */
public record CommandRejected(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String agentId,
        String reason,
        String detail,
        String commandMessageId,
        String commandType,
        String keyId) implements ChaosEvent {

    public CommandRejected {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, false)
                .notBlank(agentId, "agentId")
                .notBlank(reason, "reason")
                .notBlank(detail, "detail")
                .throwIfAny();
    }

    public static CommandRejected of(String agentId, String reason, String detail, String runId,
            String commandMessageId, String commandType, String keyId, Instant now) {
        return new CommandRejected(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, agentId, reason,
                detail, commandMessageId, commandType, keyId);
    }

    @Override
    public String key() {
        return agentId;
    }
}
