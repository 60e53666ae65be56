package dev.faultline.common.fault;

import dev.faultline.common.validation.Checks;
import java.time.Duration;

/** Limits shared by the stress faults, so that a typo cannot bring a host down for a day. */
final class StressBounds {

    /** stress-ng stops by itself after this even when the agent is gone: the stress's own dead-man switch. */
    static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(10);
    static final Duration MAX_MAX_DURATION = Duration.ofHours(1);

    private StressBounds() {
    }

    static Duration maxDuration(Duration value) {
        return value == null ? DEFAULT_MAX_DURATION : value;
    }

    static Checks checkMaxDuration(Checks checks, Duration maxDuration) {
        return checks.positive(maxDuration, "maxDuration")
                .require(maxDuration.compareTo(MAX_MAX_DURATION) <= 0, "maxDuration", "must be at most 1h")
                .require(maxDuration.toMillis() >= 1000, "maxDuration", "must be at least 1s");
    }
}
