package dev.faultline.orchestrator.schedule;

import java.time.Instant;

/**
 * A schedule with what changes over its life: whether it is paused, up to which occurrence instant its occurrences
 * have been handled ({@code coveredUntil}, the start of the missed-occurrence rule after a restart), and its latest
 * run (for the "still active" guard).
 */
public record StoredSchedule(Schedule schedule, boolean paused, Instant coveredUntil, String lastRunId) {

    public String id() {
        return schedule.id();
    }
}
