package dev.faultline.agent.runtime.docker;

/** Freezes and thaws a container's processes (Docker pause: the cgroup freezer). */
public interface ContainerPauser {

    /** @throws RuntimeException when the container is gone or the runtime refuses */
    void pause(String containerId);

    /** Thaws the container; a container that is gone or not paused counts as thawed. */
    void unpause(String containerId);
}
