package dev.faultline.agent.platform.ecs;

import dev.faultline.agent.runtime.docker.ContainerInspector;
import dev.faultline.agent.runtime.docker.ContainerInventory;
import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.agent.safety.OptInPolicy;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.common.target.EcsTaskInfo;
import dev.faultline.ecs.metadata.TaskMetadata;
import dev.faultline.ecs.metadata.TaskMetadataEndpoint;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The targets of an agent that runs as a sidecar in an ECS task (Fargate): the other containers of its own task,
 * from the task metadata endpoint, opted in as anywhere (a {@code faultline.enabled=true} Docker label in the task
 * definition, or the agent's allow-list). The sidecar never lists itself.
 *
 * <p>A found container's pid is the agent's own: on Fargate no host pid of another container is visible, and what
 * the sidecar's faults act on is the task's network namespace, which the agent's process shares ({@code awsvpc}).
 * No fault that signals or enters a pid runs on a sidecar: the capability report supports only the ECS
 * types there ({@code ecs-stop-task}, {@code ecs-task-*}), and admission refuses the rest before an executor sees
 * the target.
 */
public final class TaskSidecarRuntime implements ContainerInventory, ContainerInspector {

    private final Supplier<TaskMetadataEndpoint> metadata;
    private final OptInPolicy optIn;
    private final long ownPid;

    public TaskSidecarRuntime(Supplier<TaskMetadataEndpoint> metadata, OptInPolicy optIn, long ownPid) {
        this.metadata = metadata;
        this.optIn = optIn;
        this.ownPid = ownPid;
    }

    @Override
    public List<ContainerInfo> optedIn() {
        TaskMetadataEndpoint endpoint = metadata.get();
        String self = endpoint.self().dockerId();
        TaskMetadata task = endpoint.task();
        return task.containers().stream()
                .filter(TaskMetadata.Container::normal)
                .filter(c -> c.dockerId() != null && !c.dockerId().equals(self))
                .flatMap(c -> optIn.reason(c.labels()).map(reason -> info(task, c, reason)).stream())
                .toList();
    }

    @Override
    public Optional<InspectedContainer> find(String containerId) {
        TaskMetadataEndpoint endpoint = metadata.get();
        String self = endpoint.self().dockerId();
        return endpoint.task().containers().stream()
                .filter(TaskMetadata.Container::normal)
                .filter(c -> c.dockerId() != null && !c.dockerId().equals(self))
                .filter(c -> c.dockerId().equals(containerId) || c.dockerId().startsWith(containerId)
                        || containerId.equals(c.name()))
                .findFirst()
                .map(c -> new InspectedContainer(c.dockerId(), c.name(), c.state(),
                        "running".equals(c.state()) ? ownPid : 0, c.labels()));
    }

    static ContainerInfo info(TaskMetadata task, TaskMetadata.Container c, String reason) {
        EcsTaskInfo ecsTask = task.taskArn() == null || task.cluster() == null ? null
                : new EcsTaskInfo(task.cluster(), task.taskArn(), task.family(), revision(task.revision()), c.name(),
                        task.serviceName());
        return new ContainerInfo(c.dockerId(), c.name(), c.image() == null ? "" : c.image(), c.state(), c.labels(),
                reason, ecsTask);
    }

    private static int revision(String revision) {
        try {
            return revision == null ? 0 : Integer.parseInt(revision.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
