package dev.faultline.common.audit;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import dev.faultline.common.validation.Checks;
import java.time.Instant;

/**
 * One operator action, on {@code chaos-audit} keyed by operator: who did what to what, and how it ended.
 *
 * @param operator the token's name
 * @param role     the role the token carries ({@code viewer}, {@code operator}, {@code admin})
 * @param action   {@code start-run}, {@code dry-run}, {@code halt}, ...
 * @param subject  what the action was about (an experiment name, a run id, {@code all})
 * @param outcome  {@code ok: ...} or {@code rejected: ...} / {@code failed: ...} with the reason
 */
public record AuditRecord(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String operator,
        String role,
        String action,
        String subject,
        String outcome) implements Message {

    public AuditRecord {
        Checks checks = MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, false);
        checks.notBlank(operator, "operator")
                .notBlank(role, "role")
                .notBlank(action, "action")
                .notBlank(subject, "subject")
                .notBlank(outcome, "outcome")
                .throwIfAny();
    }

    public static AuditRecord of(String operator, String role, String action, String subject, String outcome,
            String runId, Instant now) {
        return new AuditRecord(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, operator, role,
                action, subject, outcome);
    }
}
