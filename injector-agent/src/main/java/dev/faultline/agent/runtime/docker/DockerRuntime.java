package dev.faultline.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.faultline.agent.config.AgentConfig;
import dev.faultline.common.target.ContainerInfo;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Docker engine behind every runtime capability the agent uses. Callers depend on the narrow interfaces, so
 * that a fault that only needs to inspect cannot list or kill.
 */
@ApplicationScoped
public class DockerRuntime implements ContainerInventory, ContainerInspector, ContainerKiller, RuntimePing,
        ContainerLifecycle, RuntimeVersion {

    /** Container ids and names as Docker allows them; anything else (a slash, dots only) is no container. */
    private static final Pattern CONTAINER_REF = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    /** Stop and restart wait for the container's grace period (at most a minute), longer than other calls may. */
    static final Duration LIFECYCLE_TIMEOUT = Duration.ofSeconds(90);

    private final DockerClient docker;
    private final DockerClient lifecycle;

    @Inject
    public DockerRuntime(DockerClient docker, AgentConfig config) {
        this(docker, DockerClientProducer.create(config.dockerHost(), LIFECYCLE_TIMEOUT));
    }

    /** One client for everything: for tests, whose grace periods are short. */
    public DockerRuntime(DockerClient docker) {
        this(docker, docker);
    }

    private DockerRuntime(DockerClient docker, DockerClient lifecycle) {
        this.docker = docker;
        this.lifecycle = lifecycle;
    }

    @PreDestroy
    void closeLifecycleClient() {
        if (lifecycle != docker) {
            try {
                lifecycle.close();
            } catch (IOException e) {
                // closing at shutdown; nothing to do about it
            }
        }
    }

    @Override
    public List<ContainerInfo> optedIn() {
        // Filter by the label's presence only and decide with ContainerInfo's rule, which ignores the case of "true".
        return docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(List.of(ContainerInfo.OPT_IN_LABEL))
                .exec()
                .stream()
                .map(DockerRuntime::toInfo)
                .filter(ContainerInfo::optedIn)
                .toList();
    }

    @Override
    public Optional<InspectedContainer> find(String containerId) {
        // Checked before it becomes part of an engine URL path.
        if (containerId == null || !CONTAINER_REF.matcher(containerId).matches()) {
            return Optional.empty();
        }
        InspectContainerResponse response;
        try {
            response = docker.inspectContainerCmd(containerId).exec();
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
        InspectContainerResponse.ContainerState state = response.getState();
        Long pid = state == null ? null : state.getPidLong();
        String status = state == null || state.getStatus() == null ? "unknown" : state.getStatus();
        Map<String, String> labels = response.getConfig() == null ? Map.of() : response.getConfig().getLabels();
        String name = response.getName() == null ? response.getId() : stripSlash(response.getName());
        return Optional.of(new InspectedContainer(response.getId(), name, status,
                pid == null ? 0 : pid, labels));
    }

    @Override
    public void kill(String containerId, String shortSignal) {
        docker.killContainerCmd(containerId).withSignal(shortSignal).exec();
    }

    @Override
    public void pause(String containerId) {
        docker.pauseContainerCmd(containerId).exec();
    }

    @Override
    public void unpause(String containerId) {
        try {
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(containerId).exec().getState();
            if (state == null || !Boolean.TRUE.equals(state.getPaused())) {
                return;
            }
            docker.unpauseContainerCmd(containerId).exec();
        } catch (NotFoundException gone) {
            // nothing left to thaw
        } catch (com.github.dockerjava.api.exception.ConflictException notPaused) {
            // thawed meanwhile (Docker answers 409 "not paused")
        }
    }

    @Override
    public void ping() {
        docker.pingCmd().exec();
    }

    @Override
    public void stop(String containerId, Duration timeout) {
        lifecycle.stopContainerCmd(containerId).withTimeout(seconds(timeout)).exec();
    }

    @Override
    public void start(String containerId) {
        docker.startContainerCmd(containerId).exec();
    }

    @Override
    public void restart(String containerId, Duration timeout) {
        lifecycle.restartContainerCmd(containerId).withTimeout(seconds(timeout)).exec();
    }

    @Override
    public String apiVersion() {
        return docker.versionCmd().exec().getApiVersion();
    }

    /** Docker takes whole seconds; round up so that a grace period is never shortened. */
    private static int seconds(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000);
    }

    private static ContainerInfo toInfo(Container c) {
        String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : stripSlash(c.getNames()[0]);
        String state = c.getState() == null || c.getState().isBlank() ? "unknown" : c.getState();
        return new ContainerInfo(c.getId(), name, c.getImage(), state, c.getLabels());
    }

    /** Docker names carry a leading slash in its API; people never write it. */
    private static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }
}
