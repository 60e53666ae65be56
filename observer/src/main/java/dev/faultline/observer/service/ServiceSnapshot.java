package dev.faultline.observer.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A service as one sample saw it: its running replicas and, where the platform keeps one, its desired count.
 *
 * @param at              when the sample was taken, on the observer's clock
 * @param platformDesired the platform's desired count (Swarm's replicas, ECS's desiredCount); null where the
 *                        platform has none (Compose)
 * @param replicas        the replicas running at that instant
 */
public record ServiceSnapshot(Instant at, Integer platformDesired, List<ReplicaState> replicas) {

    public ServiceSnapshot {
        Objects.requireNonNull(at, "at");
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
    }

    public int running() {
        return replicas.size();
    }

    public int healthy() {
        return (int) replicas.stream().filter(ReplicaState::countsHealthy).count();
    }
}
