package dev.faultline.orchestrator.schedule;

import java.time.Instant;

/**
 * One due time of a schedule. {@code occurrence} is the cron instant, which with the schedule id names it (the claim
 * two orchestrators race for); {@code startAt} adds the random offset; {@code announceAt} is when {@code run-scheduled}
 * goes out.
 */
public record Occurrence(String scheduleId, Instant occurrence, Instant startAt, Instant announceAt) {

    /** The key of its record in the store: the occurrence instant, ISO-8601. */
    public String key() {
        return occurrence.toString();
    }
}
