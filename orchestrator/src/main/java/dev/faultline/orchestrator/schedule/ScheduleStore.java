package dev.faultline.orchestrator.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where schedules, their occurrences and the halt latch outlive the orchestrator, shared by every instance. The
 * claim ({@link #claim}) is the one place that decides which instance handles an occurrence.
 */
public interface ScheduleStore {

    /** Stores a new schedule; its id must be new. */
    void create(StoredSchedule schedule);

    List<StoredSchedule> all();

    Optional<StoredSchedule> find(String id);

    /** @return whether it existed */
    boolean delete(String id);

    /**
     * Pauses or resumes. A resume also moves {@code coveredUntil} to {@code now}: occurrences while paused were not
     * missed, they were not wanted.
     *
     * @return whether the schedule exists
     */
    boolean setPaused(String id, boolean paused, Instant now);

    /** Records that occurrences up to {@code coveredUntil} are handled; never moves it back. */
    void advance(String id, Instant coveredUntil);

    /** Records the schedule's latest run. */
    void lastRun(String id, String runId);

    /** Marks the occurrence announced; true only for the first caller. */
    boolean announce(Occurrence occurrence, String instance, Instant now);

    /**
     * Claims the occurrence for {@code instance}: true for exactly one caller among all instances (the occurrence
     * was unknown or only announced), false for every other one.
     */
    boolean claim(Occurrence occurrence, String instance, Instant now);

    /** Records what the claimed occurrence became: STARTED with {@code runId}, or SKIPPED with {@code skip}. */
    void settle(Occurrence occurrence, String runId, Skip skip, Instant now);

    /** The schedule's occurrences, newest first. */
    List<OccurrenceRecord> occurrences(String scheduleId, int limit);

    Optional<HaltLatch> latch();

    void engage(HaltLatch latch);

    /** @return whether a latch was set */
    boolean release();

    /** Where the schedules are, for log lines. */
    String describe();

    /** The store could not be read or written. */
    final class ScheduleStoreException extends RuntimeException {
        public ScheduleStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
