package dev.faultline.agent.runtime.docker;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One container event from the engine's event stream.
 *
 * @param action     Docker's action as written ({@code die}, {@code start}, {@code health_status: healthy})
 * @param at         when it happened, on the engine's clock
 * @param attributes the event's actor attributes: the container's labels, {@code name}, {@code exitCode}, ...
 */
public record ContainerEvent(String containerId, String containerName, String action, Instant at,
        Map<String, String> attributes) {

    public ContainerEvent {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(containerName, "containerName");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
