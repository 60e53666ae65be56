package dev.faultline.observer.breaker;

import java.util.Objects;

/**
 * One breaker at one poll whose endpoint answered: its state, or null when the answer had no series of it. A poll
 * whose endpoint could not be read has no reading at all, so "not read" and "not there" stay apart.
 */
public record BreakerReading(TrackedBreaker breaker, String state) {

    public BreakerReading {
        Objects.requireNonNull(breaker, "breaker");
    }
}
