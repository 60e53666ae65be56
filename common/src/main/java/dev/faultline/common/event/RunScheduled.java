package dev.faultline.common.event;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import java.time.Instant;

/**
 * A schedule's next run is coming: published the schedule's announce-ahead time before {@code startAt}, so that the
 * people who own the target know it is about to be hit. Belongs to no run yet ({@code runId} absent); keyed by the
 * schedule id.
 *
 * @param scheduleId       the schedule
 * @param experiment       the experiment's name
 * @param experimentSha256 the SHA-256 (hex) of the stored experiment document the run will use
 * @param occurrence       the occurrence's cron instant: with the schedule id, what identifies it
 * @param startAt          when the run is due: the occurrence plus the schedule's random offset
 */
public record RunScheduled(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String scheduleId,
        String experiment,
        String experimentSha256,
        Instant occurrence,
        Instant startAt) implements ChaosEvent {

    public RunScheduled {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, false)
                .notBlank(scheduleId, "scheduleId")
                .notBlank(experiment, "experiment")
                .notBlank(experimentSha256, "experimentSha256")
                .notNull(occurrence, "occurrence")
                .notNull(startAt, "startAt")
                .throwIfAny();
    }

    public static RunScheduled of(String scheduleId, String experiment, String experimentSha256, Instant occurrence,
            Instant startAt, Instant now) {
        return new RunScheduled(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), null, now, scheduleId,
                experiment, experimentSha256, occurrence, startAt);
    }

    @Override
    public String key() {
        return scheduleId;
    }
}
