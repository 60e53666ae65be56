package dev.faultline.observer.scaling;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a service's replicas are read from: what they are now and what happened to them. The scaling verdict sees
 * only these, never which platform it was; Docker's implementation is {@link DockerReplicaEvents}. (The service model's
 * own sampler of desired / running / healthy counts can implement this for Swarm and ECS services.)
 */
public interface ReplicaSource {

    /** Every replica carrying all of {@code labels}, running or not. */
    List<ReplicaInfo> replicas(Map<String, String> labels);

    /** What the platform recorded for those replicas from {@code from} to {@code to}, oldest first. */
    List<ReplicaEvent> events(Map<String, String> labels, Instant from, Instant to);

    /**
     * Starts collecting the platform's events for those replicas as they happen: a platform may keep only its latest
     * events for {@link #events} (Docker keeps 256 in all, which a busy engine fills in seconds).
     */
    EventWatch watch(Map<String, String> labels);

    /** Events collected since {@link #watch}; closing it stops collecting. */
    interface EventWatch extends AutoCloseable {

        /** The events collected so far from {@code from} to {@code to}, oldest first. */
        List<ReplicaEvent> events(Instant from, Instant to);

        /**
         * The replicas that started while watched, as read just after their start (names, addresses): a replica
         * removed before the run ends (a scale-in) is in neither the run's first nor its last reading, and its
         * load-balancer server can only be found by what it was while it ran. Empty where the platform's events
         * carry that already.
         */
        default List<ReplicaInfo> started() {
            return List.of();
        }

        @Override
        void close();
    }
}
