package dev.faultline.observer.scaling;

import java.util.List;

/**
 * What was read of a service's scaling for one run.
 *
 * @param atStart         its replicas when the run started
 * @param atEnd           its replicas when the run ended (for the addresses of replicas started during it)
 * @param events          the platform's events for them during the run, oldest first
 * @param activities      the autoscaler's activities, oldest first; empty without a feed
 * @param replicasError   why the replicas could not be read; null when they were
 * @param activitiesError why the activity feed could not be read; null when it was or there is none
 * @param started         replicas as read just after they started during the run (for the names and addresses of
 *                        those removed before it ended); empty when not read
 */
public record ScalingEvidence(List<ReplicaInfo> atStart, List<ReplicaInfo> atEnd, List<ReplicaEvent> events,
        List<ScalingActivity> activities, String replicasError, String activitiesError, List<ReplicaInfo> started) {

    public ScalingEvidence {
        atStart = atStart == null ? List.of() : List.copyOf(atStart);
        atEnd = atEnd == null ? List.of() : List.copyOf(atEnd);
        events = events == null ? List.of() : List.copyOf(events);
        activities = activities == null ? List.of() : List.copyOf(activities);
        started = started == null ? List.of() : List.copyOf(started);
    }

    /** Without the replicas read at their start. */
    public ScalingEvidence(List<ReplicaInfo> atStart, List<ReplicaInfo> atEnd, List<ReplicaEvent> events,
            List<ScalingActivity> activities, String replicasError, String activitiesError) {
        this(atStart, atEnd, events, activities, replicasError, activitiesError, List.of());
    }
}
