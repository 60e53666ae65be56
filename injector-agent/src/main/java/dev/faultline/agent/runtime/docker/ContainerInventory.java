package dev.faultline.agent.runtime.docker;

import dev.faultline.common.target.ContainerInfo;
import java.util.List;

/** Lists what this host offers as targets. */
public interface ContainerInventory {

    /**
     * The containers opted in (labelled {@code faultline.enabled=true} or allowed by the host's allow-list, see
     * {@code OptInPolicy}), in every state (a stopped one is still a target the orchestrator should know about),
     * with their labels and why each is opted in.
     *
     * @throws RuntimeException when the runtime cannot be reached
     */
    List<ContainerInfo> optedIn();
}
