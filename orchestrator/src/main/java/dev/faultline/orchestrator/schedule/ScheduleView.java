package dev.faultline.orchestrator.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A schedule as the API shows it: its definition, its state, its next occurrence (none while paused) and, while
 * Faultline is halted, the halt latch that keeps it from starting runs. {@code experimentDocument} only in the answer
 * for one schedule; {@code alertOn} null when the schedule leaves its alerts to the reporter's configuration.
 */
public record ScheduleView(String scheduleId, String experimentName, String experimentSha256, String cron,
        String zone, List<AllowedWindow> windows, Duration randomOffset, Duration announceAhead, boolean paused,
        Instant createdAt, String createdBy, Instant coveredUntil, String lastRunId, Occurrence nextOccurrence,
        HaltLatch haltedBy, String experimentDocument, List<String> alertOn) {

    static ScheduleView of(StoredSchedule stored, Occurrence next, HaltLatch latch, boolean withDocument) {
        Schedule s = stored.schedule();
        Timing t = s.timing();
        return new ScheduleView(s.id(), s.experimentName(), s.experimentSha256(), t.cron(), t.zone(), t.windows(),
                t.randomOffset(), t.announceAhead(), stored.paused(), s.createdAt(), s.createdBy(),
                stored.coveredUntil(), stored.lastRunId(), next, latch, withDocument ? s.experimentDocument() : null,
                s.alertOn());
    }
}
