package dev.faultline.agent.health;

import dev.faultline.agent.config.AgentConfig;
import dev.faultline.agent.runtime.docker.ContainerInventory;
import dev.faultline.agent.runtime.docker.RuntimePing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The agent is ready only when Docker answers: without it the agent can neither see nor touch a target. A sidecar in
 * an ECS task has no Docker: it is ready when its task's metadata endpoint lists the task's containers.
 */
@Readiness
@ApplicationScoped
public class DockerReadinessCheck implements HealthCheck {

    private final RuntimePing runtime;
    private final String dockerHost;
    private final boolean taskSidecar;
    private final ContainerInventory targets;

    @Inject
    public DockerReadinessCheck(RuntimePing runtime, AgentConfig config, ContainerInventory targets) {
        this.runtime = runtime;
        this.dockerHost = config.dockerHost();
        this.taskSidecar = config.ecs().taskSidecar();
        this.targets = targets;
    }

    @Override
    public HealthCheckResponse call() {
        if (taskSidecar) {
            try {
                int seen = targets.optedIn().size();
                return HealthCheckResponse.named("ecs-task").up().withData("opted-in containers", seen).build();
            } catch (RuntimeException e) {
                return HealthCheckResponse.named("ecs-task").down()
                        .withData("error", String.valueOf(e.getMessage())).build();
            }
        }
        try {
            runtime.ping();
            return HealthCheckResponse.named("docker").up().withData("host", dockerHost).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("docker").down().withData("host", dockerHost)
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
