package dev.faultline.agent.proxy;

import java.time.Duration;
import java.util.Random;

/**
 * When a chunk of bytes read from the dependency may be passed on: {@code delay ± jitter} after it arrived, the
 * jitter drawn uniformly per chunk, but never before the chunk read before it (a TCP stream stays in order, so a
 * short draw waits for a long one before it).
 */
public final class ChunkDelay {

    private final long delayNanos;
    private final long jitterNanos;
    private final Random random;

    public ChunkDelay(Duration delay, Duration jitter, Random random) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        if (jitter == null || jitter.isNegative() || jitter.compareTo(delay) > 0) {
            throw new IllegalArgumentException("jitter must be between 0 and the delay, was " + jitter);
        }
        this.delayNanos = delay.toNanos();
        this.jitterNanos = jitter.toNanos();
        this.random = random;
    }

    /**
     * @param arrivedNanos         {@link System#nanoTime()} when the chunk was read
     * @param previousReleaseNanos release time of the chunk before it on the same stream ({@link Long#MIN_VALUE}
     *                             for the first)
     * @return the {@link System#nanoTime()} at which the chunk may be written on
     */
    public synchronized long releaseAt(long arrivedNanos, long previousReleaseNanos) {
        long offset = jitterNanos == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * jitterNanos);
        long release = arrivedNanos + Math.max(0, delayNanos + offset);
        return Math.max(release, previousReleaseNanos);
    }
}
