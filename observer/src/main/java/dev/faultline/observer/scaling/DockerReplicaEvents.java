package dev.faultline.observer.scaling;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A service's replicas on a Docker engine: the containers carrying its labels (an inspect each, for health,
 * hostname and addresses) and Docker's own events for them ({@code start}, {@code die}, {@code health_status}),
 * whose times are the engine's, to the nanosecond: watched live from the run's start (the engine keeps only its
 * last 256 events for a later query, which a busy engine fills in seconds), the later query filling in.
 */
public final class DockerReplicaEvents implements ReplicaSource {

    private static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(20);

    private final DockerClient docker;
    /** For the event stream, which may stay silent for long: no response timeout short of a run's length. */
    private final DockerClient stream;

    public DockerReplicaEvents(DockerClient docker) {
        this(docker, docker);
    }

    DockerReplicaEvents(DockerClient docker, DockerClient stream) {
        this.docker = docker;
        this.stream = stream;
    }

    /** A client of the engine at {@code dockerHost} ({@code unix:///var/run/docker.sock}). */
    public static DockerReplicaEvents at(String dockerHost) {
        return new DockerReplicaEvents(client(dockerHost, Duration.ofSeconds(30)), client(dockerHost,
                Duration.ofHours(2)));
    }

    private static DockerClient client(String dockerHost, Duration responseTimeout) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(responseTimeout)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    @Override
    public EventWatch watch(Map<String, String> labels) {
        List<ReplicaEvent> seen = new ArrayList<>();
        List<ReplicaInfo> started = new ArrayList<>();
        ResultCallback.Adapter<Event> callback = stream.eventsCmd()
                .withSince(Long.toString(Instant.now().getEpochSecond()))
                .withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(labels)
                .exec(collector(seen, started));
        return new EventWatch() {
            @Override
            public List<ReplicaEvent> events(Instant from, Instant to) {
                synchronized (seen) {
                    return within(seen, from, to);
                }
            }

            @Override
            public List<ReplicaInfo> started() {
                synchronized (started) {
                    return List.copyOf(started);
                }
            }

            @Override
            public void close() {
                try {
                    callback.close();
                } catch (IOException e) {
                    // the stream is gone either way
                }
            }
        };
    }

    private ResultCallback.Adapter<Event> collector(List<ReplicaEvent> into) {
        return collector(into, null);
    }

    /** With {@code started} non-null, every replica that starts is inspected at once and added to it. */
    private ResultCallback.Adapter<Event> collector(List<ReplicaEvent> into, List<ReplicaInfo> started) {
        return new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                ReplicaEvent.Kind kind = kindOf(event.getAction());
                if (kind != null) {
                    Instant at = event.getTimeNano() != null
                            ? Instant.ofEpochSecond(0, event.getTimeNano()) : Instant.ofEpochSecond(event.getTime());
                    String name = event.getActor() == null || event.getActor().getAttributes() == null ? event.getId()
                            : event.getActor().getAttributes().getOrDefault("name", event.getId());
                    synchronized (into) {
                        into.add(new ReplicaEvent(at, event.getId(), name, kind));
                    }
                    if (started != null && kind == ReplicaEvent.Kind.STARTED) {
                        try {
                            ReplicaInfo replica = state(docker.inspectContainerCmd(event.getId()).exec());
                            synchronized (started) {
                                started.add(replica);
                            }
                        } catch (RuntimeException gone) {
                            // removed (or the engine unreachable) at once: its end's reading may still have it
                        }
                    }
                }
            }
        };
    }

    private static List<ReplicaEvent> within(List<ReplicaEvent> events, Instant from, Instant to) {
        return events.stream().filter(e -> !e.at().isBefore(from) && !e.at().isAfter(to))
                .sorted(Comparator.comparing(ReplicaEvent::at)).toList();
    }

    @Override
    public List<ReplicaInfo> replicas(Map<String, String> labels) {
        List<ReplicaInfo> replicas = new ArrayList<>();
        for (Container container : docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
            try {
                replicas.add(state(docker.inspectContainerCmd(container.getId()).exec()));
            } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
                // removed between the list and the inspect: not a replica any more
            }
        }
        replicas.sort(Comparator.comparing(ReplicaInfo::name));
        return replicas;
    }

    static ReplicaInfo state(InspectContainerResponse container) {
        InspectContainerResponse.ContainerState state = container.getState();
        boolean running = state != null && Boolean.TRUE.equals(state.getRunning());
        Boolean healthy = state == null || state.getHealth() == null || state.getHealth().getStatus() == null
                ? null : "healthy".equals(state.getHealth().getStatus());
        List<String> addresses = container.getNetworkSettings() == null
                || container.getNetworkSettings().getNetworks() == null ? List.of()
                : container.getNetworkSettings().getNetworks().values().stream().map(ContainerNetwork::getIpAddress)
                        .filter(Objects::nonNull).filter(ip -> !ip.isEmpty()).toList();
        String hostname = container.getConfig() == null ? null : container.getConfig().getHostName();
        return new ReplicaInfo(container.getId(), container.getName().replaceFirst("^/", ""), hostname, running,
                healthy, addresses);
    }

    @Override
    public List<ReplicaEvent> events(Map<String, String> labels, Instant from, Instant to) {
        List<ReplicaEvent> events = new ArrayList<>();
        try (ResultCallback.Adapter<Event> running = docker.eventsCmd()
                .withSince(Long.toString(from.getEpochSecond()))
                .withUntil(Long.toString(to.getEpochSecond() + 1))
                .withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(labels)
                .exec(collector(events))) {
            if (!running.awaitCompletion(EVENTS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Docker's events did not end within " + EVENTS_TIMEOUT.toSeconds()
                        + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading Docker's events", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (events) {
            return within(events, from, to);
        }
    }

    /** Docker's action name of a container event → what it means for a replica; null for the rest. */
    static ReplicaEvent.Kind kindOf(String action) {
        if (action == null) {
            return null;
        }
        return switch (action) {
            case "start" -> ReplicaEvent.Kind.STARTED;
            case "die" -> ReplicaEvent.Kind.STOPPED;
            case "health_status: healthy" -> ReplicaEvent.Kind.HEALTHY;
            case "health_status: unhealthy" -> ReplicaEvent.Kind.UNHEALTHY;
            default -> null;
        };
    }
}
