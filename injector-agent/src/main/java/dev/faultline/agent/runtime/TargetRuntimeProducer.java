package dev.faultline.agent.runtime;

import dev.faultline.agent.config.AgentConfig;
import dev.faultline.agent.platform.ecs.TaskSidecarRuntime;
import dev.faultline.agent.runtime.docker.ContainerInspector;
import dev.faultline.agent.runtime.docker.ContainerInventory;
import dev.faultline.agent.runtime.docker.DockerRuntime;
import dev.faultline.agent.safety.OptInPolicy;
import dev.faultline.ecs.metadata.TaskMetadataEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Where the agent finds its targets: the Docker engine of its host, or, for a sidecar in an ECS task
 * ({@code faultline.agent.ecs.task-sidecar}), its task's metadata endpoint. Every other runtime capability
 * (kill, pause, events) stays Docker's.
 */
@ApplicationScoped
public class TargetRuntimeProducer {

    @Produces
    @Singleton
    TargetRuntime targets(AgentConfig config, DockerRuntime docker, OptInPolicy optIn) {
        if (!config.ecs().taskSidecar()) {
            return new TargetRuntime(docker, docker);
        }
        TaskSidecarRuntime sidecar = new TaskSidecarRuntime(() -> TaskMetadataEndpoint.fromEnvironment(System.getenv())
                .orElseThrow(() -> new IllegalStateException(TaskMetadataEndpoint.METADATA_URI_ENV
                        + " is not set: faultline.agent.ecs.task-sidecar needs the agent to run in an ECS task")),
                optIn, ProcessHandle.current().pid());
        return new TargetRuntime(sidecar, sidecar);
    }

    @Produces
    ContainerInventory inventory(TargetRuntime runtime) {
        return runtime.inventory();
    }

    @Produces
    ContainerInspector inspector(TargetRuntime runtime) {
        return runtime.inspector();
    }

    /** The pair the agent uses to list and look up its targets. */
    public record TargetRuntime(ContainerInventory inventory, ContainerInspector inspector) {
    }
}
