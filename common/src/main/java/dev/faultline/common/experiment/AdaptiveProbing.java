package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.time.Duration;

/**
 * Faster probing where the transitions are ({@code steadyState.adaptive}): while a probe is failing, and for
 * {@code after} from each injection (the planned instant of each step and of each lasting fault's revert, and the
 * reported injection), the observer probes every {@code interval} as well, so that detection and recovery are
 * pinned down more finely than the probe's own interval. Those extra probes only sharpen the instants of a
 * timeline; every count (availability, probes in the window, error rate, SLOs) stays on the probe's configured
 * interval, so the load on the system and the figures do not change. See docs/verdict.md.
 *
 * @param enabled  default true; false probes only at the configured intervals
 * @param interval the fast interval, default 10ms, at least 5ms; a probe whose own interval is not longer gets no
 *                 fast probes
 * @param after    how long after each injection (and revert) the fast probing lasts, default 2s, at most 1 min
 */
public record AdaptiveProbing(Boolean enabled, Duration interval, Duration after) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);
    public static final Duration DEFAULT_AFTER = Duration.ofSeconds(2);
    public static final Duration MIN_INTERVAL = Duration.ofMillis(5);
    public static final Duration MAX_AFTER = Duration.ofMinutes(1);
    /** What an experiment without {@code adaptive} gets. */
    public static final AdaptiveProbing DEFAULT = new AdaptiveProbing(true, DEFAULT_INTERVAL, DEFAULT_AFTER);
    /** Only the configured intervals. */
    public static final AdaptiveProbing OFF = new AdaptiveProbing(false, DEFAULT_INTERVAL, DEFAULT_AFTER);

    public AdaptiveProbing {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        after = after == null ? DEFAULT_AFTER : after;
        Checks.start()
                .require(interval.compareTo(MIN_INTERVAL) >= 0, "interval", "must be at least 5ms")
                .notNegative(after, "after")
                .require(after.compareTo(MAX_AFTER) <= 0, "after", "must be at most 1m")
                .throwIfAny();
    }

    /** Whether {@code probe} gets fast probes: adaptive probing is on and faster than the probe's own interval. */
    public boolean appliesTo(Probe probe) {
        return enabled && interval.compareTo(probe.interval()) < 0;
    }
}
