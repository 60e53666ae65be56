package dev.faultline.observer.service;

import java.time.Instant;
import java.util.Objects;

/**
 * One running replica of a service in one sample, with the instants Docker recorded for it.
 *
 * @param healthy      the replica's health check status: true healthy, false starting or unhealthy, null when it
 *                     has no health check (then it counts as healthy while it runs)
 * @param startedAt    when its container last started, on the engine's clock (Docker's {@code State.StartedAt})
 * @param healthySince when its health check first passed in its current healthy streak (the end of that check in
 *                     Docker's health log); null when not healthy, or when the log no longer reaches back to it
 */
public record ReplicaState(String containerId, String name, Boolean healthy, Instant startedAt, Instant healthySince) {

    public ReplicaState {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** Counted as healthy: its check passes, or it has none. */
    public boolean countsHealthy() {
        return healthy == null || healthy;
    }
}
