package dev.faultline.orchestrator.schedule;

import dev.faultline.common.experiment.ExperimentParser;
import java.time.Instant;
import java.util.List;

/**
 * A schedule as created, which never changes afterwards (pause and resume are kept beside it, see
 * {@link StoredSchedule}): the experiment document exactly as submitted with its SHA-256, so every run of the
 * schedule uses the same version and a report can tell which one it was, and the timing.
 *
 * @param experimentFormat how {@code experimentDocument} is written (YAML or JSON)
 * @param alertOn          the kinds of alert its runs and skips raise ({@code fail}, {@code abort}, {@code halt},
 *                         {@code skipped}; carried on run-started and run-skipped for the reporter); null: the
 *                         reporter's {@code faultline.alerts.on}, also for schedules stored before this existed
 */
public record Schedule(String id, String experimentName, String experimentSha256,
        ExperimentParser.Format experimentFormat, String experimentDocument, Timing timing, Instant createdAt,
        String createdBy, List<String> alertOn) {

    public Schedule {
        alertOn = alertOn == null ? null : List.copyOf(alertOn);
    }

    /** A schedule that leaves its alerts to the reporter's configuration. */
    public Schedule(String id, String experimentName, String experimentSha256,
            ExperimentParser.Format experimentFormat, String experimentDocument, Timing timing, Instant createdAt,
            String createdBy) {
        this(id, experimentName, experimentSha256, experimentFormat, experimentDocument, timing, createdAt, createdBy,
                null);
    }
}
