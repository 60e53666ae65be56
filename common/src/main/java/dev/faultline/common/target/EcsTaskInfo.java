package dev.faultline.common.target;

import java.util.Map;
import java.util.Optional;

/**
 * The ECS task a container belongs to, as the ECS agent labels every task container on an EC2 container instance
 * (and the task metadata endpoint shows in a Fargate task). The service is not among those labels: an agent
 * configured for ECS adds it from DescribeTasks (the task's group {@code service:<name>}).
 *
 * @param revision the task definition's revision, 0 when the label is missing or not a number
 * @param service  the ECS service that started the task; null when unknown or not started by a service
 */
public record EcsTaskInfo(String cluster, String taskArn, String family, int revision, String containerName,
        String service) {

    public static final String TASK_ARN_LABEL = "com.amazonaws.ecs.task-arn";
    public static final String CONTAINER_NAME_LABEL = "com.amazonaws.ecs.container-name";
    public static final String FAMILY_LABEL = "com.amazonaws.ecs.task-definition-family";
    public static final String REVISION_LABEL = "com.amazonaws.ecs.task-definition-version";
    public static final String CLUSTER_LABEL = "com.amazonaws.ecs.cluster";

    public EcsTaskInfo {
        if (taskArn == null || taskArn.isBlank()) {
            throw new IllegalArgumentException("an ECS task needs its ARN");
        }
        if (cluster == null || cluster.isBlank()) {
            throw new IllegalArgumentException("an ECS task needs its cluster");
        }
        service = service == null || service.isBlank() ? null : service;
    }

    /** The task of a container the ECS agent started; empty for any other container (no task ARN and cluster). */
    public static Optional<EcsTaskInfo> fromLabels(Map<String, String> labels) {
        String arn = labels.get(TASK_ARN_LABEL);
        String cluster = labels.get(CLUSTER_LABEL);
        if (arn == null || arn.isBlank() || cluster == null || cluster.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new EcsTaskInfo(cluster, arn, labels.get(FAMILY_LABEL), revision(labels.get(REVISION_LABEL)),
                labels.get(CONTAINER_NAME_LABEL), null));
    }

    public EcsTaskInfo withService(String service) {
        return new EcsTaskInfo(cluster, taskArn, family, revision, containerName, service);
    }

    /** The short task id, the last part of the ARN. */
    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    private static int revision(String label) {
        try {
            return label == null ? 0 : Integer.parseInt(label.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
