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
 * @param scheduleId   the schedule that started the run; null for a run started by hand ({@code POST /api/v1/runs})
 * @param alertOn      the kinds of alert ({@link AlertKinds}) the run's schedule asks for; null: the reporter's own
 *                     {@code faultline.alerts.on} (every run started by hand, and schedules that name none)
 */
public record RunStarted(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        Experiment experiment,
        List<PlannedFault> plan,
        Instant injectAt,
        Instant observeUntil,
        String scheduleId,
        List<String> alertOn) implements ChaosEvent {

    public RunStarted {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true)
                .notNull(experiment, "experiment")
                .notEmpty(plan, "plan")
                .notNull(injectAt, "injectAt")
                .notNull(observeUntil, "observeUntil")
                .require(injectAt == null || observeUntil == null || observeUntil.isAfter(injectAt), "observeUntil",
                        "must be after injectAt")
                .require(AlertKinds.problem(alertOn).isEmpty(), "alertOn", AlertKinds.problem(alertOn).orElse(""))
                .throwIfAny();
        plan = List.copyOf(plan);
        alertOn = alertOn == null ? null : List.copyOf(alertOn);
    }

    /** A run started by hand, as before schedules carried their alert settings. */
    public RunStarted(int schemaVersion, String messageId, String runId, Instant timestamp, Experiment experiment,
            List<PlannedFault> plan, Instant injectAt, Instant observeUntil) {
        this(schemaVersion, messageId, runId, timestamp, experiment, plan, injectAt, observeUntil, null, null);
    }

    public static RunStarted of(String runId, Experiment experiment, List<PlannedFault> plan, Instant injectAt,
            Instant observeUntil, Instant now) {
        return new RunStarted(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, experiment, plan,
                injectAt, observeUntil);
    }

    /** This start as a schedule's: its id and the kinds of alert it asks for (null: the reporter's defaults). */
    public RunStarted fromSchedule(String schedule, List<String> kinds) {
        return new RunStarted(schemaVersion, messageId, runId, timestamp, experiment, plan, injectAt, observeUntil,
                schedule, kinds);
    }

    @Override
    public String key() {
        return runId;
    }
}
