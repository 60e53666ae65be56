package dev.faultline.ecs.task;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One ECS task as DescribeTasks shows it.
 *
 * @param group      {@code service:<name>} for a service's task, {@code family:<name>} for one run on its own
 * @param family     the task definition's family, from its ARN
 * @param revision   the task definition's revision, from its ARN
 * @param launchType {@code EC2}, {@code FARGATE}, {@code EXTERNAL}; empty for a capacity provider that names none
 * @param containers the task's containers by name, each with its Docker id where ECS knows it (EC2) and its status
 * @param startedAt    when the task's containers started (ECS's {@code startedAt}); empty before that
 * @param healthStatus the task's health from its containers' health checks: {@code HEALTHY}, {@code UNHEALTHY},
 *                     {@code UNKNOWN} (no health check, or not yet known)
 */
public record EcsTask(String taskArn, String clusterArn, String group, String family, int revision,
        String lastStatus, String desiredStatus, Optional<String> launchType, Map<String, String> tags,
        List<Container> containers, Optional<Instant> startedAt, String healthStatus) {

    /** The tag ECS puts on a service's tasks when the service propagates its tags (and FIS selects by). */
    public static final String SERVICE_NAME_TAG = "aws:ecs:serviceName";
    private static final String SERVICE_GROUP_PREFIX = "service:";

    public record Container(String name, Optional<String> runtimeId, String lastStatus) {
        public Container {
            Objects.requireNonNull(name, "name");
            runtimeId = runtimeId == null ? Optional.empty() : runtimeId;
        }
    }

    public EcsTask {
        Objects.requireNonNull(taskArn, "taskArn");
        Objects.requireNonNull(clusterArn, "clusterArn");
        group = group == null ? "" : group;
        launchType = launchType == null ? Optional.empty() : launchType;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        containers = containers == null ? List.of() : List.copyOf(containers);
        startedAt = startedAt == null ? Optional.empty() : startedAt;
        healthStatus = healthStatus == null ? "UNKNOWN" : healthStatus;
    }

    public EcsTask(String taskArn, String clusterArn, String group, String family, int revision, String lastStatus,
            String desiredStatus, Optional<String> launchType, Map<String, String> tags, List<Container> containers) {
        this(taskArn, clusterArn, group, family, revision, lastStatus, desiredStatus, launchType, tags, containers,
                Optional.empty(), null);
    }

    /**
     * The service this task belongs to: its group names it; the {@code aws:ecs:serviceName} tag says it too where
     * the group was overridden.
     */
    public Optional<String> serviceName() {
        if (group.startsWith(SERVICE_GROUP_PREFIX)) {
            return Optional.of(group.substring(SERVICE_GROUP_PREFIX.length()));
        }
        return Optional.ofNullable(tags.get(SERVICE_NAME_TAG));
    }

    /** The short id, the last part of the ARN, as the console shows it. */
    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    public boolean running() {
        return "RUNNING".equals(lastStatus) && "RUNNING".equals(desiredStatus);
    }
}
