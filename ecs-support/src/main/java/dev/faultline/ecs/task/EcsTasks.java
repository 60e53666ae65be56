package dev.faultline.ecs.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/**
 * Finds a cluster's tasks and stops one: ListTasks (paged) for the task ARNs, DescribeTasks with the tags in batches
 * of 100 (its limit), StopTask with a reason that says who stopped it and why.
 */
public final class EcsTasks {

    /** DescribeTasks takes at most this many tasks per call. */
    static final int DESCRIBE_BATCH = 100;

    private final EcsClient ecs;

    public EcsTasks(EcsClient ecs) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
    }

    /** The tasks meeting the query that ECS wants running (desired status RUNNING), in ListTasks' order. */
    public List<EcsTask> find(TaskQuery query) {
        ListTasksRequest.Builder list = ListTasksRequest.builder()
                .cluster(query.cluster())
                .desiredStatus(DesiredStatus.RUNNING);
        // ListTasks filters by a service or by a family, not by both: the service is the narrower one.
        query.service().ifPresentOrElse(list::serviceName, () -> query.family().ifPresent(list::family));
        List<String> arns = new ArrayList<>();
        ecs.listTasksPaginator(list.build()).forEach(page -> arns.addAll(page.taskArns()));
        return describeAll(query.cluster(), arns).stream().filter(query::matches).toList();
    }

    /** One task, or empty when ECS no longer knows it (stopped tasks are forgotten about an hour after they stop). */
    public Optional<EcsTask> describe(String cluster, String taskArn) {
        return describe(cluster, List.of(taskArn)).stream().findFirst();
    }

    /**
     * Asks ECS to stop the task. Stopping a task that is already stopping or stopped is accepted by ECS, so a repeat
     * is harmless.
     *
     * @param reason shown in the console and in DescribeTasks' {@code stoppedReason}; see {@link StopReason}
     * @return the task as StopTask returned it
     */
    public EcsTask stop(String cluster, String taskArn, String reason) {
        Task task = ecs.stopTask(b -> b.cluster(cluster).task(taskArn).reason(reason)).task();
        return toTask(task);
    }

    /** The tasks of one cluster that ECS still knows, in batches of 100; the ones it forgot are left out. */
    public List<EcsTask> describeAll(String cluster, List<String> arns) {
        List<EcsTask> found = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += DESCRIBE_BATCH) {
            found.addAll(describe(cluster, arns.subList(from, Math.min(arns.size(), from + DESCRIBE_BATCH))));
        }
        return found;
    }

    private List<EcsTask> describe(String cluster, List<String> arns) {
        if (arns.isEmpty()) {
            return List.of();
        }
        DescribeTasksResponse response = ecs.describeTasks(b -> b.cluster(cluster).tasks(arns)
                .include(TaskField.TAGS));
        for (Failure failure : response.failures()) {
            if (!"MISSING".equals(failure.reason())) {
                throw new IllegalStateException("ECS could not describe task " + failure.arn() + ": "
                        + failure.reason() + (failure.detail() == null ? "" : " (" + failure.detail() + ")"));
            }
        }
        return response.tasks().stream().map(EcsTasks::toTask).toList();
    }

    static EcsTask toTask(Task task) {
        String definition = task.taskDefinitionArn() == null ? "" : task.taskDefinitionArn();
        String familyAndRevision = definition.substring(definition.lastIndexOf('/') + 1);
        int colon = familyAndRevision.lastIndexOf(':');
        String family = colon < 0 ? familyAndRevision : familyAndRevision.substring(0, colon);
        int revision = colon < 0 ? 0 : Integer.parseInt(familyAndRevision.substring(colon + 1));
        Map<String, String> tags = task.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
        List<EcsTask.Container> containers = task.containers().stream()
                .map(c -> new EcsTask.Container(c.name(), Optional.ofNullable(c.runtimeId()), c.lastStatus()))
                .toList();
        return new EcsTask(task.taskArn(), task.clusterArn(), task.group(), family, revision, task.lastStatus(),
                task.desiredStatus(), Optional.ofNullable(task.launchTypeAsString()), tags, containers,
                Optional.ofNullable(task.startedAt()), task.healthStatusAsString());
    }
}
