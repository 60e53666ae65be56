package dev.faultline.agent.health;

import dev.faultline.agent.config.AgentConfig;
import dev.faultline.agent.runtime.docker.RuntimePing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The agent is ready only when Docker answers: without it the agent can neither see nor touch a target. */
@Readiness
@ApplicationScoped
public class DockerReadinessCheck implements HealthCheck {

    private final RuntimePing runtime;
    private final String dockerHost;

    @Inject
    public DockerReadinessCheck(RuntimePing runtime, AgentConfig config) {
        this.runtime = runtime;
        this.dockerHost = config.dockerHost();
    }

    @Override
    public HealthCheckResponse call() {
        try {
            runtime.ping();
            return HealthCheckResponse.named("docker").up().withData("host", dockerHost).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("docker").down().withData("host", dockerHost)
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
