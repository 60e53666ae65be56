package dev.faultline.common.verdict;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import java.time.Instant;

/**
 * An objective is already lost while the run still goes on: whatever happens until the window closes, the final
 * verdict will fail it (a probe still failing after the recovery-time limit; so many failed probes that the
 * availability limit cannot be met any more). Published at once, once per objective and run.
 *
 * @param threshold      the experiment's limit, in {@code unit}
 * @param measured       the value that makes the breach certain, in {@code unit}
 * @param abortRequested whether the experiment asked to abort the run on a breach ({@code slos.abortOnBreach})
 */
public record SloBreached(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String objective,
        String unit,
        double threshold,
        double measured,
        String detail,
        boolean abortRequested) implements VerdictMessage {

    public SloBreached {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true)
                .notBlank(objective, "objective")
                .notBlank(unit, "unit")
                .notBlank(detail, "detail")
                .throwIfAny();
    }

    public static SloBreached of(String runId, String objective, String unit, double threshold, double measured,
            String detail, boolean abortRequested, Instant now) {
        return new SloBreached(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, objective, unit,
                threshold, measured, detail, abortRequested);
    }
}
