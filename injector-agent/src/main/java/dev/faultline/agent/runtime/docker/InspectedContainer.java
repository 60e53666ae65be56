package dev.faultline.agent.runtime.docker;

import java.util.Map;
import java.util.Objects;

/**
 * One container as inspection found it.
 *
 * @param status Docker's state ({@code running}, {@code exited}, ...)
 * @param pid    the main process id as the host sees it; 0 when not running
 */
public record InspectedContainer(String id, String name, String status, long pid, Map<String, String> labels) {

    public InspectedContainer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public boolean running() {
        return "running".equals(status) && pid > 0;
    }
}
