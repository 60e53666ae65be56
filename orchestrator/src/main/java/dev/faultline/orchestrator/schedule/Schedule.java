package dev.faultline.orchestrator.schedule;

import dev.faultline.common.experiment.ExperimentParser;
import java.time.Instant;

/**
 * A schedule as created, which never changes afterwards (pause and resume are kept beside it, see
 * {@link StoredSchedule}): the experiment document exactly as submitted with its SHA-256, so every run of the
 * schedule uses the same version and a report can tell which one it was, and the timing.
 *
 * @param experimentFormat how {@code experimentDocument} is written (YAML or JSON)
 */
public record Schedule(String id, String experimentName, String experimentSha256,
        ExperimentParser.Format experimentFormat, String experimentDocument, Timing timing, Instant createdAt,
        String createdBy) {
}
