package dev.faultline.agent.runtime.docker;

import java.time.Duration;

/**
 * The container runtime's own stop, start, pause and restart. Every method throws with the runtime's reason when
 * the container is gone or the runtime refuses.
 */
public interface ContainerLifecycle {

    /** SIGTERM, then SIGKILL after {@code timeout}; returns when the container has stopped. */
    void stop(String containerId, Duration timeout);

    void start(String containerId);

    /** Freezes every process of the container (cgroup freezer). */
    void pause(String containerId);

    void unpause(String containerId);

    /** Stop (as {@link #stop}) then start; returns when it runs again. */
    void restart(String containerId, Duration timeout);
}
