package dev.faultline.agent.runtime.docker;

import java.util.Optional;

/** Looks one container up: the check every fault makes before it acts. */
public interface ContainerInspector {

    /**
     * @param containerId a container id (full or short) or name
     * @return the container, or empty when the host has no such container
     * @throws RuntimeException when the runtime cannot be reached
     */
    Optional<InspectedContainer> find(String containerId);
}
