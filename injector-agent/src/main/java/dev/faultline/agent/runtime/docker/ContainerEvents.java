package dev.faultline.agent.runtime.docker;

import java.io.Closeable;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/** Follows what the engine reports about containers as it happens. */
public interface ContainerEvents {

    /**
     * Streams the container events from {@code since} (which may lie in the past: the engine replays them) until
     * {@code until}, when the engine ends the stream. Either {@code containerId} or {@code labels} narrows the
     * stream; with both, an event must match both. Closing the handle ends the stream early.
     *
     * @param containerId a container id, or null for any container carrying {@code labels}
     * @param labels      labels every reported container carries; empty for no label condition
     * @throws RuntimeException when the runtime cannot be reached
     */
    Closeable follow(String containerId, Map<String, String> labels, Instant since, Instant until,
            Consumer<ContainerEvent> onEvent);
}
