package dev.faultline.common;

import dev.faultline.common.validation.Checks;
import java.time.Instant;
import java.util.UUID;

/** Validation and defaults shared by the compact constructors of all messages. */
public final class MessageChecks {

    private MessageChecks() {
    }

    /** Checks the fields every message carries; {@code runScoped} messages must name their run. */
    public static Checks envelope(int schemaVersion, String messageId, String runId, Instant timestamp, boolean runScoped) {
        Checks checks = Checks.start()
                .require(schemaVersion >= 1, "schemaVersion", "must be 1 or more, was " + schemaVersion)
                .notBlank(messageId, "messageId")
                .notNull(timestamp, "timestamp");
        if (runScoped) {
            checks.notBlank(runId, "runId");
        }
        return checks;
    }

    public static String newMessageId() {
        return UUID.randomUUID().toString();
    }
}
