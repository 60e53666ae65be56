package dev.faultline.common.event;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import java.time.Instant;

/**
 * The run's observation window closed; the verdict follows on {@code chaos-verdicts}.
 *
 * @param faultsInjected how many faults the agents reported applied
 * @param faultsFailed   how many the agents could not apply
 */
public record RunFinished(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        Instant finishedAt,
        int faultsInjected,
        int faultsFailed) implements ChaosEvent {

    public RunFinished {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true)
                .notNull(finishedAt, "finishedAt")
                .require(faultsInjected >= 0 && faultsFailed >= 0, "faultsInjected", "counts must not be negative")
                .throwIfAny();
    }

    public static RunFinished of(String runId, Instant finishedAt, int injected, int failed, Instant now) {
        return new RunFinished(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, finishedAt, injected,
                failed);
    }

    @Override
    public String key() {
        return runId;
    }
}
