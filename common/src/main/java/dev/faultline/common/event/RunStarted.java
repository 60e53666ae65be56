package dev.faultline.common.event;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import dev.faultline.common.experiment.Experiment;
import java.time.Instant;
import java.util.List;

/**
 * A run began: the experiment as submitted and the faults it resolved to. The observer starts probing on this
 * event and judges the run when {@link RunFinished} arrives.
 *
 * @param injectAt when the first fault is due (after the steady-state warm-up)
 * @param observeUntil when the observation window closes
 */
public record RunStarted(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        Experiment experiment,
        List<PlannedFault> plan,
        Instant injectAt,
        Instant observeUntil) implements ChaosEvent {

    public RunStarted {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true)
                .notNull(experiment, "experiment")
                .notEmpty(plan, "plan")
                .notNull(injectAt, "injectAt")
                .notNull(observeUntil, "observeUntil")
                .require(injectAt == null || observeUntil == null || observeUntil.isAfter(injectAt), "observeUntil",
                        "must be after injectAt")
                .throwIfAny();
        plan = List.copyOf(plan);
    }

    public static RunStarted of(String runId, Experiment experiment, List<PlannedFault> plan, Instant injectAt,
            Instant observeUntil, Instant now) {
        return new RunStarted(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, experiment, plan,
                injectAt, observeUntil);
    }

    @Override
    public String key() {
        return runId;
    }
}
