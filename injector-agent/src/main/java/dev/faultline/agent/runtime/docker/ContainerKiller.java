package dev.faultline.agent.runtime.docker;

/** The container runtime's own kill. */
public interface ContainerKiller {

    /**
     * @param shortSignal signal name without {@code SIG}, e.g. {@code KILL}
     * @throws RuntimeException when the container is gone or the runtime refuses
     */
    void kill(String containerId, String shortSignal);
}
