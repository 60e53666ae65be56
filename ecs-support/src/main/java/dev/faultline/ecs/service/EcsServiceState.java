package dev.faultline.ecs.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One reading of an ECS service: what ECS counts (DescribeServices) and what its load balancer's target groups see
 * (DescribeTargetHealth). What the observer's service sampling records over a run for an ECS service.
 *
 * @param events the service's newest events first, as ECS keeps them (its last 100): task started / stopped,
 *               registered with a target group, reached a steady state, scaling
 */
public record EcsServiceState(Instant sampledAt, String clusterArn, String serviceName, String serviceArn,
        String status, int desiredCount, int runningCount, int pendingCount, List<Deployment> deployments,
        List<ServiceEvent> events, List<TargetGroupHealth> targetGroups) {

    public EcsServiceState {
        Objects.requireNonNull(sampledAt, "sampledAt");
        Objects.requireNonNull(serviceName, "serviceName");
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
        events = events == null ? List.of() : List.copyOf(events);
        targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
    }

    /** @param rolloutState {@code IN_PROGRESS}, {@code COMPLETED}, {@code FAILED}; empty string when ECS gives none */
    public record Deployment(String id, String status, String rolloutState, int desiredCount, int runningCount,
            int pendingCount, int failedTasks, Instant updatedAt) {
    }

    public record ServiceEvent(String id, Instant createdAt, String message) {
    }

    /**
     * @param targetsByState how many of the group's targets are in each ELB state ({@code healthy},
     *                       {@code unhealthy}, {@code initial}, {@code draining}, {@code unused}, ...)
     */
    public record TargetGroupHealth(String targetGroupArn, Map<String, Integer> targetsByState) {
        public TargetGroupHealth {
            targetsByState = Map.copyOf(targetsByState);
        }

        public int healthy() {
            return targetsByState.getOrDefault("healthy", 0);
        }
    }

    /**
     * Healthy as the load balancer counts it: the fewest healthy targets over the service's target groups (a task
     * serves traffic only when healthy in each); without a load balancer, the running count.
     */
    public int healthyCount() {
        return targetGroups.stream().mapToInt(TargetGroupHealth::healthy).min().orElse(runningCount);
    }

    /** Whether the service is back where it should be: as many healthy tasks as desired, nothing pending. */
    public boolean atDesiredHealthyCount() {
        return healthyCount() >= desiredCount && runningCount >= desiredCount && pendingCount == 0;
    }
}
