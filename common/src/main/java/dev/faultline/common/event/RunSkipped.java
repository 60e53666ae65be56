package dev.faultline.common.event;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A schedule's occurrence did not start a run, and why: what an alert on a skipped schedule needs. Belongs to no run
 * ({@code runId} absent); keyed by the schedule id.
 *
 * @param scheduleId       the schedule
 * @param experiment       the experiment's name
 * @param experimentSha256 the SHA-256 (hex) of the stored experiment document
 * @param occurrence       the occurrence's cron instant: with the schedule id, what identifies it
 * @param reasonCode       one of {@link #REASON_CODES}, for alert rules: {@code missed}, {@code halted},
 *                         {@code run-still-active}, {@code target-down}, {@code steady-state-failing},
 *                         {@code not-startable}
 * @param reason           the reason in words, e.g. {@code target already down: ...}
 * @param alertOn          the kinds of alert ({@link AlertKinds}) the schedule asks for; null: the reporter's own
 *                         {@code faultline.alerts.on}
 */
public record RunSkipped(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String scheduleId,
        String experiment,
        String experimentSha256,
        Instant occurrence,
        String reasonCode,
        String reason,
        List<String> alertOn) implements ChaosEvent {

    public static final Set<String> REASON_CODES = Set.of("missed", "halted", "run-still-active", "target-down",
            "steady-state-failing", "not-startable");

    public RunSkipped {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, false)
                .notBlank(scheduleId, "scheduleId")
                .notBlank(experiment, "experiment")
                .notBlank(experimentSha256, "experimentSha256")
                .notNull(occurrence, "occurrence")
                .require(REASON_CODES.contains(reasonCode), "reasonCode",
                        "must be one of " + new java.util.TreeSet<>(REASON_CODES) + ", was " + reasonCode)
                .notBlank(reason, "reason")
                .require(AlertKinds.problem(alertOn).isEmpty(), "alertOn", AlertKinds.problem(alertOn).orElse(""))
                .throwIfAny();
        alertOn = alertOn == null ? null : List.copyOf(alertOn);
    }

    /** A skip without alert settings, as before schedules carried them. */
    public RunSkipped(int schemaVersion, String messageId, String runId, Instant timestamp, String scheduleId,
            String experiment, String experimentSha256, Instant occurrence, String reasonCode, String reason) {
        this(schemaVersion, messageId, runId, timestamp, scheduleId, experiment, experimentSha256, occurrence,
                reasonCode, reason, null);
    }

    public static RunSkipped of(String scheduleId, String experiment, String experimentSha256, Instant occurrence,
            String reasonCode, String reason, Instant now) {
        return of(scheduleId, experiment, experimentSha256, occurrence, reasonCode, reason, null, now);
    }

    public static RunSkipped of(String scheduleId, String experiment, String experimentSha256, Instant occurrence,
            String reasonCode, String reason, List<String> alertOn, Instant now) {
        return new RunSkipped(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), null, now, scheduleId, experiment,
                experimentSha256, occurrence, reasonCode, reason, alertOn);
    }

    @Override
    public String key() {
        return scheduleId;
    }
}
