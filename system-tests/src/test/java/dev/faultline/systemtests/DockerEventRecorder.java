package dev.faultline.systemtests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the Docker engine's own events for one container, or for the containers of one label (die, start, ...),
 * with the engine's nanosecond
 * timestamps: the independent account that Faultline's measurements are checked against.
 */
final class DockerEventRecorder implements Closeable {

    record ContainerEvent(String action, Instant at, String containerId) {
    }

    private final List<ContainerEvent> events = new CopyOnWriteArrayList<>();
    private final ResultCallback.Adapter<Event> callback;

    DockerEventRecorder(DockerClient docker, String containerId) {
        this(docker.eventsCmd().withContainerFilter(containerId));
    }

    /** The events of every container carrying the label {@code key=value}: a service's replicas, replacements too. */
    static DockerEventRecorder ofLabel(DockerClient docker, String key, String value) {
        return new DockerEventRecorder(docker.eventsCmd().withLabelFilter(Map.of(key, value)));
    }

    private DockerEventRecorder(EventsCmd command) {
        this.callback = command
                .withEventTypeFilter(EventType.CONTAINER)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        long nanos = event.getTimeNano() != null ? event.getTimeNano() : event.getTime() * 1_000_000_000L;
                        events.add(new ContainerEvent(String.valueOf(event.getAction()),
                                Instant.ofEpochSecond(0, nanos), event.getId()));
                    }
                });
    }

    List<ContainerEvent> events() {
        return List.copyOf(events);
    }

    Optional<Instant> first(String action, Instant notBefore) {
        return events.stream().filter(e -> e.action().equals(action) && !e.at().isBefore(notBefore))
                .map(ContainerEvent::at).findFirst();
    }

    @Override
    public void close() throws IOException {
        callback.close();
    }
}
