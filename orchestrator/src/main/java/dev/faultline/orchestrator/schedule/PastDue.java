package dev.faultline.orchestrator.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The missed-occurrence rule: of the occurrences whose start has come since a schedule was last looked at, only the
 * latest may still run, and only if it is no later than the tolerance; every other one was missed (the orchestrator
 * was down, or stalled), is recorded as skipped, and is not run late: a restart after a long downtime starts at
 * most one run per schedule, not a burst.
 *
 * <p>A long downtime can leave thousands of missed occurrences; only the latest {@code maxRecorded} are recorded one
 * by one, the earlier ones are counted in the oldest recorded one's reason.
 *
 * @param due        the occurrence to handle now (guards, then a run), if any
 * @param missed     the missed occurrences to record, oldest first
 * @param notRecorded how many earlier missed occurrences are only counted
 */
public record PastDue(Optional<Occurrence> due, List<Occurrence> missed, int notRecorded) {

    public static PastDue of(List<Occurrence> startedByNow, Instant now, Duration lateTolerance, int maxRecorded) {
        if (startedByNow.isEmpty()) {
            return new PastDue(Optional.empty(), List.of(), 0);
        }
        Occurrence latest = startedByNow.get(startedByNow.size() - 1);
        boolean latestOnTime = !latest.startAt().isBefore(now.minus(lateTolerance));
        List<Occurrence> missed = new ArrayList<>(latestOnTime
                ? startedByNow.subList(0, startedByNow.size() - 1)
                : startedByNow);
        int notRecorded = Math.max(0, missed.size() - maxRecorded);
        List<Occurrence> recorded = List.copyOf(missed.subList(notRecorded, missed.size()));
        return new PastDue(latestOnTime ? Optional.of(latest) : Optional.empty(), recorded, notRecorded);
    }
}
