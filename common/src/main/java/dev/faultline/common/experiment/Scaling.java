package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.time.Duration;
import java.util.Map;

/**
 * The scaling to validate ({@code scaling:}): which containers are the service's replicas, what triggers the
 * scaling, where the autoscaler says what it did, and the objectives. The observer follows the replicas through
 * Docker (their start, health and end, from Docker's own events), reads the optional activity feed, and takes the
 * load balancer's view (the experiment's {@code loadBalancer:}) for each replica's entry into rotation and for the
 * request share across replicas. See docs/experiment-format.md.
 *
 * @param labels                 the service's replicas: every container carrying all of these labels, including
 *                               the ones created during the run; absent when {@code service} says it
 * @param triggerAfterLoadStart  the trigger is this long after the load test's first request (a load step of its
 *                               phases); absent: the trigger is the first fault's injection (a CPU stress, a kill)
 * @param activitiesUrl          optional: an HTTP endpoint returning the autoscaler's scaling activities as JSON
 *                               (each with a start time, a cause and a desired count; docs/experiment-format.md)
 * @param maxScaleOutTime        optional objective: from the trigger until the scaled-out replicas are all healthy
 * @param maxColdStart           optional objective: per new replica, from its container's start until it is in the
 *                               load balancer as healthy (until its first passing health check without one)
 * @param minHealthyReplicas     optional objective: healthy replicas never fewer than this during the run
 * @param maxImbalance           optional objective: after the scale-out, no healthy server's share of the requests
 *                               differs from an even share by more than this fraction of it (0.25 = 25 %)
 * @param service                optional instead of {@code labels}: a Compose or Swarm service (the service model's
 *                               {@code service:}), whose container labels select the replicas
 */
public record Scaling(Map<String, String> labels, Duration triggerAfterLoadStart, String activitiesUrl,
        Duration maxScaleOutTime, Duration maxColdStart, Integer minHealthyReplicas, Double maxImbalance,
        ServiceTarget service) {

    public Scaling {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        boolean given = !labels.isEmpty();
        if (!given && service != null) {
            labels = service.containerLabels().orElse(Map.of());
        }
        Checks.start()
                .require(!labels.isEmpty() || (service != null && service.kind() == ServiceKind.ECS), "labels",
                        "must name at least one label the service's replicas carry, e.g."
                                + " com.docker.compose.service: product (or give service:)")
                .require(!given || service == null, "service", "goes instead of labels, not with them")
                .require(service == null || service.kind() != ServiceKind.ECS, "service",
                        "of kind ecs is not read for scaling yet (its replicas are not Docker containers here);"
                                + " use compose or swarm")
                .require(triggerAfterLoadStart == null || !triggerAfterLoadStart.isNegative(), "triggerAfterLoadStart",
                        "must not be negative")
                .require(activitiesUrl == null || HttpProbe.isHttpUrl(activitiesUrl), "activitiesUrl",
                        "must be an absolute http:// URL")
                .require(maxScaleOutTime == null || maxScaleOutTime.toMillis() > 0, "maxScaleOutTime",
                        "must be positive")
                .require(maxColdStart == null || maxColdStart.toMillis() > 0, "maxColdStart", "must be positive")
                .require(minHealthyReplicas == null || minHealthyReplicas >= 0, "minHealthyReplicas",
                        "must not be negative")
                .require(maxImbalance == null || maxImbalance >= 0, "maxImbalance",
                        "must not be negative (0.25 allows a server 25 % off an even share)")
                .throwIfAny();
    }

    /** Replicas selected by labels. */
    public Scaling(Map<String, String> labels, Duration triggerAfterLoadStart, String activitiesUrl,
            Duration maxScaleOutTime, Duration maxColdStart, Integer minHealthyReplicas, Double maxImbalance) {
        this(labels, triggerAfterLoadStart, activitiesUrl, maxScaleOutTime, maxColdStart, minHealthyReplicas,
                maxImbalance, null);
    }
}
