package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.util.List;

/**
 * Every sample one probe took during a run, run-length encoded: the lane of that probe in the report's timeline.
 * A run of 60 s at 250 ms has 240 samples per probe but usually a handful of segments, so verdicts stay small.
 *
 * @param intervalMillis the probe's interval: the resolution of every segment boundary
 * @param segments       oldest first, not overlapping
 */
public record ProbeLane(String probe, long intervalMillis, List<ProbeSegment> segments) {

    public ProbeLane {
        Checks.start().notBlank(probe, "probe").require(intervalMillis > 0, "intervalMillis", "must be positive")
                .throwIfAny();
        segments = segments == null ? List.of() : List.copyOf(segments);
    }
}
