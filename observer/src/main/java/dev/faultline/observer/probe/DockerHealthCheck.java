package dev.faultline.observer.probe;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.faultline.common.experiment.DockerHealthProbe;
import dev.faultline.common.verdict.FailureKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Docker's health status of a container: passes when {@code healthy}. docker-java blocks, so the inspect runs on
 * the scheduler's small Docker pool, never on the tick thread; the Docker client is created on first use so that
 * an observer without Docker still runs every other kind of probe.
 */
final class DockerHealthCheck implements ProbeCheck {

    private final DockerHealthProbe probe;
    private final Supplier<DockerClient> docker;
    private final Executor dockerThreads;

    DockerHealthCheck(DockerHealthProbe probe, Supplier<DockerClient> docker, Executor dockerThreads) {
        this.probe = probe;
        this.docker = docker;
        this.dockerThreads = dockerThreads;
    }

    @Override
    public CompletableFuture<Outcome> take() {
        return CompletableFuture.supplyAsync(this::inspect, dockerThreads)
                .exceptionally(error -> Outcome.fail(Outcomes.kindOf(error), Outcomes.describe(error)))
                .completeOnTimeout(Outcome.fail(FailureKind.TIMEOUT,
                        "no answer from Docker within " + probe.timeout().toMillis() + " ms"),
                        probe.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private Outcome inspect() {
        InspectContainerResponse container = docker.get().inspectContainerCmd(probe.container()).exec();
        InspectContainerResponse.ContainerState state = container.getState();
        if (state == null || !Boolean.TRUE.equals(state.getRunning())) {
            return Outcome.fail(FailureKind.CONDITION, "container " + probe.container() + " is not running"
                    + (state == null ? "" : " (" + state.getStatus() + ")"));
        }
        HealthState health = state.getHealth();
        if (health == null || health.getStatus() == null) {
            return Outcome.fail(FailureKind.CONDITION, "container " + probe.container() + " has no HEALTHCHECK");
        }
        return "healthy".equals(health.getStatus())
                ? Outcome.pass()
                : Outcome.fail(FailureKind.CONDITION, "health status " + health.getStatus());
    }
}
