package dev.faultline.orchestrator.schedule;

import java.time.Instant;

/**
 * What became of one occurrence, as stored: {@code ANNOUNCED} (run-scheduled sent), {@code CLAIMED} (an instance
 * took it and is checking its guards), {@code STARTED} (with its run) or {@code SKIPPED} (with the reason).
 *
 * @param instance the orchestrator instance that claimed it
 */
public record OccurrenceRecord(String scheduleId, Instant occurrence, Instant startAt, State state, String runId,
        String reasonCode, String reason, String instance, Instant updatedAt) {

    public enum State {
        ANNOUNCED, CLAIMED, STARTED, SKIPPED
    }
}
