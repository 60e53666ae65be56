package dev.faultline.observer.service;

import dev.faultline.common.experiment.ServiceKind;
import dev.faultline.common.experiment.ServiceTarget;
import dev.faultline.ecs.service.EcsServiceState;
import dev.faultline.ecs.service.EcsServices;
import dev.faultline.ecs.task.EcsTask;
import dev.faultline.ecs.task.EcsTasks;
import dev.faultline.ecs.task.TaskQuery;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An ECS service as ECS reports it: the desired count from DescribeServices and the running tasks from ListTasks and
 * DescribeTasks (module ecs-support, protocol contract tests there), each task a replica with ECS's
 * {@code startedAt} and health. The clients come from suppliers so that an observer without AWS access builds none
 * until an experiment targets an ECS service.
 *
 * <p>What ECS does not give: the instant a task turned healthy (DescribeTasks has its health now, not since when), so
 * a replacement's healthy instant and the service's return to its desired count come from the samples, at the
 * sampling interval's resolution. A task whose health ECS calls {@code UNKNOWN} (no container health check, or none
 * evaluated yet) counts as healthy while it runs, as a Docker container without a health check does.
 */
public final class EcsServiceSource implements ServiceStateSource {

    private final Supplier<EcsServices> services;
    private final Supplier<EcsTasks> tasks;

    public EcsServiceSource(Supplier<EcsServices> services, Supplier<EcsTasks> tasks) {
        this.services = Objects.requireNonNull(services, "services");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.ECS;
    }

    @Override
    public ServiceSnapshot read(ServiceTarget service, Instant at) {
        EcsServiceState state = services.get().read(service.cluster(), service.name());
        List<EcsTask> running = tasks.get().find(TaskQuery.ofService(service.cluster(), service.name()));
        return snapshot(at, state, running);
    }

    /** One sample from what ECS answered: the running tasks are the replicas, ECS's desired count the desired. */
    static ServiceSnapshot snapshot(Instant at, EcsServiceState state, List<EcsTask> tasks) {
        List<ReplicaState> replicas = tasks.stream()
                .filter(EcsTask::running)
                .map(task -> new ReplicaState(task.taskArn(), task.taskId(), healthy(task.healthStatus()),
                        task.startedAt().orElse(at), null))
                .toList();
        return new ServiceSnapshot(at, state.desiredCount(), replicas);
    }

    private static Boolean healthy(String healthStatus) {
        return switch (healthStatus) {
            case "HEALTHY" -> true;
            case "UNHEALTHY" -> false;
            default -> null;
        };
    }
}
