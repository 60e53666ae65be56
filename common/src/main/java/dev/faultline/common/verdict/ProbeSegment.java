package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.time.Instant;

/**
 * Consecutive samples of one probe in the same state: what a timeline lane draws as one bar.
 *
 * @param state   {@code ok}, {@code failed} or {@code degraded} (a success that {@code degraded:} flags)
 * @param from    when the segment's first sample was sent
 * @param to      when its last sample was sent (equal to {@code from} for a single sample); the true change of state
 *                lies within one probe interval after {@code to}, and one before the next segment's {@code from}
 * @param samples how many samples the segment holds
 */
public record ProbeSegment(String state, Instant from, Instant to, int samples) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String DEGRADED = "degraded";

    public ProbeSegment {
        Checks.start()
                .require(OK.equals(state) || FAILED.equals(state) || DEGRADED.equals(state), "state",
                        "must be ok, failed or degraded")
                .notNull(from, "from")
                .notNull(to, "to")
                .require(from == null || to == null || !to.isBefore(from), "to", "must not be before from")
                .require(samples > 0, "samples", "must be positive")
                .throwIfAny();
    }
}
