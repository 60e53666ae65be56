package dev.faultline.observer.probe;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cap on adaptive (fast) probes across every probe of one scheduler: {@code maxPerSecond} in all. Each probe in
 * fast mode probes at its fast interval, stretched to {@code active / maxPerSecond} when many are fast at once, so
 * the cap is shared evenly instead of going to whichever probe asks first, and no probe is starved. Together with
 * one fast probe in flight per probe, this bounds what adaptive probing can cost the observer and the targets.
 */
final class FastProbePacing {

    private final int maxPerSecond;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong issued = new AtomicLong();

    FastProbePacing(int maxPerSecond) {
        if (maxPerSecond < 1) {
            throw new IllegalArgumentException("the cap on fast probes per second must be positive, was "
                    + maxPerSecond);
        }
        this.maxPerSecond = maxPerSecond;
    }

    /** A probe entered fast mode. */
    void entered() {
        active.incrementAndGet();
    }

    /** A probe left fast mode. */
    void left() {
        active.decrementAndGet();
    }

    /** The interval a fast probe waits now: its own fast interval, or longer when the cap is shared by many. */
    Duration interval(Duration fastInterval) {
        long sharedNanos = Math.max(1, active.get()) * 1_000_000_000L / maxPerSecond;
        return sharedNanos > fastInterval.toNanos() ? Duration.ofNanos(sharedNanos) : fastInterval;
    }

    void issued() {
        issued.incrementAndGet();
    }

    /** Fast probes issued so far, for benchmarks and metrics. */
    long issuedCount() {
        return issued.get();
    }

    int maxPerSecond() {
        return maxPerSecond;
    }
}
