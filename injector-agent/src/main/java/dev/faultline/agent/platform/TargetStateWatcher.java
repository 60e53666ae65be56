package dev.faultline.agent.platform;

import dev.faultline.agent.config.AgentConfig;
import dev.faultline.agent.outbound.EventPublisher;
import dev.faultline.agent.runtime.docker.ContainerEvent;
import dev.faultline.agent.runtime.docker.ContainerEvents;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.event.TargetState;
import dev.faultline.common.event.TargetStateChanged;
import dev.faultline.common.target.TargetRef;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Follows Docker's events for a fault's target while the fault is in effect and for {@code platformWatchAfter}
 * after it, and reports each down, up and health change as {@link TargetStateChanged} with Docker's own instant.
 *
 * <p>Which containers count as the target: a container of a Compose service (it carries
 * {@code com.docker.compose.project} and {@code com.docker.compose.service}) is followed by those two labels, so a
 * replacement container of the same service (a new id, as {@code docker compose up} creates) is reported as well
 * as the original, which a restart policy restarts under its own id. A Swarm task's container (it carries
 * {@code com.docker.swarm.service.name}) is followed by that label, so the task Swarm starts in its place is
 * reported too. Any other container is followed by its id only.
 */
@ApplicationScoped
public class TargetStateWatcher {

    static final String COMPOSE_PROJECT = "com.docker.compose.project";
    static final String COMPOSE_SERVICE = "com.docker.compose.service";
    static final String SWARM_SERVICE = "com.docker.swarm.service.name";

    private static final Logger LOG = Logger.getLogger(TargetStateWatcher.class);

    /** Watches nothing: for agents assembled in tests without Docker. */
    public static final TargetStateWatcher NONE = new TargetStateWatcher(null, null, Duration.ZERO,
            Clock.systemUTC());

    private final ContainerEvents engine;
    private final EventPublisher events;
    private final Duration watchAfter;
    private final Clock clock;
    /** Open watches by fault id, until the engine ends them. */
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    private record Watch(Closeable stream, Instant until) {
    }

    @Inject
    public TargetStateWatcher(ContainerEvents engine, EventPublisher events, AgentConfig config, Clock clock) {
        this(engine, events, config.platformWatchAfter(), clock);
    }

    public TargetStateWatcher(ContainerEvents engine, EventPublisher events, Duration watchAfter, Clock clock) {
        this.engine = engine;
        this.events = events;
        this.watchAfter = watchAfter;
        this.clock = clock;
    }

    /**
     * Starts following the target of an applied fault. {@code since} is when the agent began to apply it: the
     * engine replays what happened from then, so the kill's own {@code die} is not missed.
     */
    public void watch(InjectFault command, Map<String, String> targetLabels, Instant since) {
        if (engine == null) {
            return;
        }
        TargetRef target = command.target();
        Instant until = since.plus(command.duration()).plus(watchAfter);
        // The engine ended the streams whose time is up; forget them so the map holds only open ones.
        Instant now = clock.instant();
        watches.values().removeIf(w -> w.until().isBefore(now));
        Optional<Map<String, String>> service = swarmService(targetLabels).or(() -> composeService(targetLabels));
        try {
            Closeable watch = engine.follow(service.isPresent() ? null : target.containerId(),
                    service.orElse(Map.of()), since, until, e -> report(command, e));
            Watch previous = watches.put(command.faultId(), new Watch(watch, until));
            if (previous != null) {
                close(previous.stream());
            }
            LOG.debugf("fault %s: following Docker events of %s until %s", command.faultId(),
                    service.map(Object::toString).orElse(target.containerId()), until);
        } catch (RuntimeException e) {
            // The fault is applied either way; only the platform's instants will be missing from the timeline.
            LOG.warnf("fault %s: cannot follow Docker events of %s: %s", command.faultId(), target, e.getMessage());
        }
    }

    /** The Swarm service label of a task's container, when it is one. */
    static Optional<Map<String, String>> swarmService(Map<String, String> labels) {
        String service = labels.get(SWARM_SERVICE);
        return service == null || service.isBlank() ? Optional.empty() : Optional.of(Map.of(SWARM_SERVICE, service));
    }

    /** The Compose project and service labels of a container, when it belongs to a Compose service. */
    static Optional<Map<String, String>> composeService(Map<String, String> labels) {
        String project = labels.get(COMPOSE_PROJECT);
        String service = labels.get(COMPOSE_SERVICE);
        if (project == null || project.isBlank() || service == null || service.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Map.of(COMPOSE_PROJECT, project, COMPOSE_SERVICE, service));
    }

    private void report(InjectFault command, ContainerEvent event) {
        Optional<TargetState> state = DockerActions.stateOf(event.action());
        if (state.isEmpty()) {
            return;
        }
        TargetRef original = command.target();
        TargetRef reported = original.containerId().equals(event.containerId()) ? original
                : new TargetRef(original.agentId(), event.containerId(), event.containerName());
        events.publish(TargetStateChanged.of(command.runId(), command.faultId(), reported, state.get(),
                event.action(), event.at(), clock.instant()));
    }

    @PreDestroy
    void stopAll() {
        watches.values().forEach(w -> close(w.stream()));
        watches.clear();
    }

    private static void close(Closeable watch) {
        if (watch == null) {
            return;
        }
        try {
            watch.close();
        } catch (IOException e) {
            // the stream is gone either way
        }
    }
}
