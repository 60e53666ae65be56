package dev.faultline.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.faultline.agent.runtime.docker.DockerClientProducer;
import dev.faultline.agent.runtime.docker.DockerRuntime;
import dev.faultline.agent.testing.RecordingEventPublisher;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.event.TargetState;
import dev.faultline.common.event.TargetStateChanged;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.target.TargetRef;
import dev.faultline.testsupport.TestContainers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A labelled busybox container on the real engine, killed and started again while the watcher follows it: the
 * DOWN and UP events carry Docker's own instants, the ones {@code docker inspect} reports as FinishedAt and
 * StartedAt.
 */
class TargetStateWatcherIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestContainers containers = new TestContainers();
    private final DockerClient docker = containers.docker();
    private final DockerRuntime runtime = new DockerRuntime(DockerClientProducer.create("unix:///var/run/docker.sock"));
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final TargetStateWatcher watcher = new TargetStateWatcher(runtime, events, Duration.ofSeconds(12),
            Clock.systemUTC());

    @AfterEach
    void cleanUp() {
        watcher.stopAll();
        containers.close();
    }

    @Test
    void aKilledAndRestartedContainerIsReportedDownAndUpAtDockersInstants() throws Exception {
        String name = "faultline-it-watch-" + System.nanoTime();
        String id = busybox(name, Map.of("faultline.enabled", "true"));
        InjectFault kill = InjectFault.of("run-watch-it", "run-watch-it-f0", new TargetRef("it-agent", id, name),
                ContainerKill.sigkill(), Duration.ZERO, Instant.now());

        Instant applyStarted = Instant.now();
        docker.killContainerCmd(id).withSignal("KILL").exec();
        // Watching begins after the kill, as in the agent: the engine replays the die from the apply's start.
        watcher.watch(kill, Map.of("faultline.enabled", "true"), applyStarted);
        awaitStatus(id, "exited");
        InspectContainerResponse exited = docker.inspectContainerCmd(id).exec();
        docker.startContainerCmd(id).exec();
        InspectContainerResponse running = docker.inspectContainerCmd(id).exec();

        TargetStateChanged down = await(TargetState.DOWN);
        TargetStateChanged up = await(TargetState.UP);
        assertThat(down.dockerAction()).isEqualTo("die");
        assertThat(up.dockerAction()).isEqualTo("start");
        assertThat(down.target().containerId()).isEqualTo(id);
        assertThat(up.target().containerId()).isEqualTo(id);
        assertThat(down.faultId()).isEqualTo("run-watch-it-f0");
        // Docker writes the die's event and FinishedAt from the same moment; allow for their separate clock reads.
        assertThat(Duration.between(Instant.parse(exited.getState().getFinishedAt()), down.at()).abs())
                .isLessThan(Duration.ofMillis(200));
        assertThat(Duration.between(Instant.parse(running.getState().getStartedAt()), up.at()).abs())
                .isLessThan(Duration.ofMillis(200));
        assertThat(down.at()).isAfterOrEqualTo(applyStarted.minusMillis(50)).isBefore(up.at());
        assertThat(down.at().getNano() % 1_000_000).as("finer than milliseconds: Docker's nanosecond field")
                .isNotZero();
    }

    @Test
    void aReplacementContainerOfTheSameComposeServiceIsReportedUnderItsOwnId() throws Exception {
        String project = "faultline-it-watch-" + System.nanoTime();
        Map<String, String> service = Map.of("com.docker.compose.project", project,
                "com.docker.compose.service", "worker", "faultline.enabled", "true");
        String first = busybox(project + "-worker-1", service);
        InjectFault kill = InjectFault.of("run-watch-it", "run-watch-it-f1",
                new TargetRef("it-agent", first, project + "-worker-1"), ContainerKill.sigkill(), Duration.ZERO,
                Instant.now());
        Instant applyStarted = Instant.now();
        docker.killContainerCmd(first).withSignal("KILL").exec();
        watcher.watch(kill, service, applyStarted);
        awaitStatus(first, "exited");
        String replacement = busybox(project + "-worker-2", service);

        TargetStateChanged down = await(TargetState.DOWN);
        TargetStateChanged up = await(TargetState.UP);
        assertThat(down.target().containerId()).isEqualTo(first);
        assertThat(up.target()).isEqualTo(new TargetRef("it-agent", replacement, project + "-worker-2"));
    }

    private String busybox(String name, Map<String, String> labels) {
        String id = containers.create(docker.createContainerCmd("faultline/busybox:local")
                .withName(name).withCmd("sleep", "600"), labels);
        docker.startContainerCmd(id).exec();
        return id;
    }

    private void awaitStatus(String id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!status.equals(docker.inspectContainerCmd(id).exec().getState().getStatus())
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(docker.inspectContainerCmd(id).exec().getState().getStatus()).isEqualTo(status);
    }

    private TargetStateChanged await(TargetState state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<TargetStateChanged> seen = events.of(TargetStateChanged.class).stream()
                    .filter(e -> e.state() == state).findFirst();
            if (seen.isPresent()) {
                return seen.get();
            }
            Thread.sleep(50);
        }
        List<TargetStateChanged> all = events.of(TargetStateChanged.class);
        throw new AssertionError("no " + state + " event within " + WAIT + "; seen: " + all);
    }
}
