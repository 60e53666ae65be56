package dev.faultline.agent.fault.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.runtime.docker.DockerClientProducer;
import dev.faultline.agent.runtime.docker.DockerRuntime;
import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.fault.KillMethod;
import dev.faultline.common.target.TargetRef;
import dev.faultline.testsupport.TestContainers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both kill methods against the demo target (restart policy {@code always}) on the real engine: what Docker does
 * afterwards is the point of having two methods.
 */
class ContainerKillExecutorIT {

    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(10);

    private final TestContainers containers = new TestContainers();
    private final DockerRuntime runtime = new DockerRuntime(DockerClientProducer.create("unix:///var/run/docker.sock"));
    private final ContainerKillExecutor executor = new ContainerKillExecutor(runtime, new ProcessRunner());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @AfterEach
    void removeContainers() {
        containers.close();
    }

    @Test
    void processKillIsACrashThatTheRestartPolicyRecovers() throws Exception {
        TestContainers.Started started = containers.startDemoTarget("faultline-it-kill", Map.of());
        awaitHealthy(started.id(), System.nanoTime() + RECOVERY_LIMIT.toNanos(), "healthy before the kill");
        InspectContainerResponse before = inspect(started.id());

        long killedAt = System.nanoTime();
        executor.apply(target(started), ContainerKill.sigkill());

        InspectContainerResponse after = awaitState(started.id(),
                // Status, not State.Running: Docker counts the restart and reports Running=true while still
                // "restarting", before the new process exists.
                s -> s.getRestartCount() > before.getRestartCount() && "running".equals(s.getState().getStatus()),
                killedAt + RECOVERY_LIMIT.toNanos());
        assertThat(after.getRestartCount()).as("restarted by the policy").isGreaterThan(before.getRestartCount());
        assertThat(after.getState().getStatus()).isEqualTo("running");
        assertThat(after.getState().getStartedAt()).isNotEqualTo(before.getState().getStartedAt());
        assertThat(after.getState().getPidLong()).isNotEqualTo(before.getState().getPidLong());
        awaitHealthy(started.id(), killedAt + RECOVERY_LIMIT.toNanos(),
                "/health answers 200 within " + RECOVERY_LIMIT + " of the kill");
    }

    @Test
    void dockerApiKillIsAStopThatTheRestartPolicyRespects() throws Exception {
        TestContainers.Started started = containers.startDemoTarget("faultline-it-dkill", Map.of());
        InspectContainerResponse before = inspect(started.id());

        long killedAt = System.nanoTime();
        executor.apply(target(started), new ContainerKill("SIGKILL", KillMethod.DOCKER_API));

        InspectContainerResponse exited = awaitState(started.id(), s -> "exited".equals(s.getState().getStatus()),
                killedAt + RECOVERY_LIMIT.toNanos());
        assertThat(exited.getState().getStatus()).isEqualTo("exited");
        assertThat(exited.getState().getExitCodeLong()).as("128 + SIGKILL").isEqualTo(137L);
        // A crash comes back in about a second; watch for three times that to prove it stays down.
        await("stays exited despite the restart policy").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> inspect(started.id()).getState().getStatus(), "exited"::equals);
        InspectContainerResponse later = inspect(started.id());
        assertThat(later.getRestartCount()).isEqualTo(before.getRestartCount());
    }

    private Target target(TestContainers.Started started) {
        InspectedContainer container = runtime.find(started.id()).orElseThrow();
        return Target.of(new TargetRef("it-agent", started.id(), started.name()), container, "it-fault");
    }

    private InspectContainerResponse inspect(String id) {
        return containers.docker().inspectContainerCmd(id).exec();
    }

    private InspectContainerResponse awaitState(String id, Predicate<InspectContainerResponse> condition,
            long deadlineNanos) {
        return await().atMost(untilDeadline(deadlineNanos)).until(() -> inspect(id), condition);
    }

    /** Polls /health at the port Docker currently publishes (a restart may move it) until 200 or the deadline. */
    private void awaitHealthy(String id, long deadlineNanos, String what) {
        await(what).atMost(untilDeadline(deadlineNanos))
                .until(() -> {
                    Optional<Integer> port = publishedPort(id);
                    return port.isPresent() && healthStatus(port.get()) == 200;
                });
    }

    private static Duration untilDeadline(long deadlineNanos) {
        return Duration.ofNanos(Math.max(deadlineNanos - System.nanoTime(), 1_000_000));
    }

    private Optional<Integer> publishedPort(String id) {
        Ports ports = inspect(id).getNetworkSettings().getPorts();
        Ports.Binding[] bindings = ports == null ? null
                : ports.getBindings().get(ExposedPort.tcp(TestContainers.DEMO_TARGET_PORT));
        if (bindings == null || bindings.length == 0 || bindings[0].getHostPortSpec() == null
                || bindings[0].getHostPortSpec().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(bindings[0].getHostPortSpec()));
    }

    private int healthStatus(int port) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(1)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return -1;
        }
    }
}
