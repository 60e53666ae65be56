package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.time.Instant;

/**
 * A service's replica counts from one sample on: a service's lane holds one of these per change, so a run of
 * steady counts is one entry.
 *
 * @param desired how many replicas the platform (or the experiment's {@code replicas}) wants
 * @param running replicas whose container (task) runs
 * @param healthy running replicas that pass their health check (those without a health check count as healthy
 *                when running)
 */
public record ServiceCount(Instant at, int desired, int running, int healthy) {

    public ServiceCount {
        Checks.start().notNull(at, "at")
                .require(desired >= 0 && running >= 0 && healthy >= 0, "", "counts must not be negative")
                .require(healthy <= running, "healthy", "must not exceed running")
                .throwIfAny();
    }
}
