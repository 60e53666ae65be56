package dev.faultline.agent.runtime.docker;

import dev.faultline.common.target.ContainerInfo;
import java.util.List;

/** Lists what this host offers as targets. */
public interface ContainerInventory {

    /**
     * The containers labelled {@code faultline.enabled=true}, in every state (a stopped one is still a target the
     * orchestrator should know about), with their labels.
     *
     * @throws RuntimeException when the runtime cannot be reached
     */
    List<ContainerInfo> optedIn();
}
