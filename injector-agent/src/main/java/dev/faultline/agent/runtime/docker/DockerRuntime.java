package dev.faultline.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import dev.faultline.agent.config.AgentConfig;
import dev.faultline.agent.safety.OptInPolicy;
import dev.faultline.common.target.ContainerInfo;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The Docker engine behind every runtime capability the agent uses. Callers depend on the narrow interfaces, so
 * that a fault that only needs to inspect cannot list or kill.
 */
@ApplicationScoped
// Listing and looking up targets go through runtime/TargetRuntimeProducer, which picks this or an ECS task's
// metadata; the bean is still injectable as itself and as every other capability.
@Typed({DockerRuntime.class, ContainerKiller.class, RuntimePing.class, ContainerLifecycle.class, RuntimeVersion.class,
        ContainerEvents.class})
public class DockerRuntime implements ContainerInventory, ContainerInspector, ContainerKiller, RuntimePing,
        ContainerLifecycle, RuntimeVersion, ContainerEvents {

    /** Container ids and names as Docker allows them; anything else (a slash, dots only) is no container. */
    private static final Pattern CONTAINER_REF = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    /** Stop and restart wait for the container's grace period (at most a minute), longer than other calls may. */
    static final Duration LIFECYCLE_TIMEOUT = Duration.ofSeconds(90);

    private final DockerClient docker;
    private final DockerClient lifecycle;
    private final DockerClient events;
    private final OptInPolicy optIn;

    @Inject
    public DockerRuntime(DockerClient docker, AgentConfig config, OptInPolicy optIn) {
        // An event stream is quiet for as long as the target is: its read timeout must outlast the longest watch.
        this(docker, DockerClientProducer.create(config.dockerHost(), LIFECYCLE_TIMEOUT),
                DockerClientProducer.create(config.dockerHost(),
                        config.maxFaultDuration().plus(config.platformWatchAfter()).plusMinutes(1)), optIn);
    }

    /** One client for everything: for tests, whose grace periods are short. */
    public DockerRuntime(DockerClient docker) {
        this(docker, OptInPolicy.labelOnly());
    }

    /** One client for everything, with an allow-list: for tests. */
    public DockerRuntime(DockerClient docker, OptInPolicy optIn) {
        this(docker, docker, docker, optIn);
    }

    private DockerRuntime(DockerClient docker, DockerClient lifecycle, DockerClient events, OptInPolicy optIn) {
        this.docker = docker;
        this.lifecycle = lifecycle;
        this.events = events;
        this.optIn = optIn;
    }

    @PreDestroy
    void closeOwnClients() {
        for (DockerClient own : List.of(lifecycle, events)) {
            if (own != docker) {
                try {
                    own.close();
                } catch (IOException e) {
                    // closing at shutdown; nothing to do about it
                }
            }
        }
    }

    @Override
    public List<ContainerInfo> optedIn() {
        // Every container, not only the labelled ones: the allow-list may opt in containers without the label.
        return docker.listContainersCmd()
                .withShowAll(true)
                .exec()
                .stream()
                .map(this::optedInInfo)
                .flatMap(Optional::stream)
                .toList();
    }

    private Optional<ContainerInfo> optedInInfo(Container c) {
        Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
        return optIn.reason(labels).map(reason -> {
            ContainerInfo seen = toInfo(c);
            return new ContainerInfo(seen.id(), seen.name(), seen.image(), seen.state(), seen.labels(), reason);
        });
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
    public Closeable follow(String containerId, Map<String, String> labels, Instant since, Instant until,
            Consumer<ContainerEvent> onEvent) {
        EventsCmd cmd = events.eventsCmd()
                .withEventTypeFilter("container")
                .withSince(unixTime(since))
                .withUntil(unixTime(until));
        if (containerId != null) {
            cmd = cmd.withContainerFilter(containerId);
        }
        if (!labels.isEmpty()) {
            cmd = cmd.withLabelFilter(labels);
        }
        return cmd.exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                toContainerEvent(event).ifPresent(onEvent);
            }
        });
    }

    /** Docker's event time: the nanosecond field when the engine sends it, else whole seconds. */
    static Optional<ContainerEvent> toContainerEvent(Event event) {
        String action = event.getAction() != null ? event.getAction() : event.getStatus();
        String id = event.getActor() != null && event.getActor().getId() != null ? event.getActor().getId()
                : event.getId();
        Instant at = event.getTimeNano() != null && event.getTimeNano() > 0
                ? Instant.ofEpochSecond(0, event.getTimeNano())
                : event.getTime() == null ? null : Instant.ofEpochSecond(event.getTime());
        if (action == null || id == null || at == null) {
            return Optional.empty();
        }
        Map<String, String> attributes = event.getActor() == null || event.getActor().getAttributes() == null
                ? Map.of() : event.getActor().getAttributes();
        String name = attributes.getOrDefault("name", id);
        return Optional.of(new ContainerEvent(id, name, action, at, attributes));
    }

    /** The engine's {@code since}/{@code until}: Unix seconds with a fraction. */
    static String unixTime(Instant instant) {
        return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
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
