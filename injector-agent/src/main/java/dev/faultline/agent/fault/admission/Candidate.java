package dev.faultline.agent.fault.admission;

import dev.faultline.agent.runtime.docker.ContainerInspector;
import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.common.command.InjectFault;
import java.util.Optional;

/**
 * An InjectFault under admission. Its target container is inspected once, when the first check asks for it, so the
 * checks that come before the target's (limits, repeated commands) never touch the container runtime.
 */
public final class Candidate {

    private final InjectFault command;
    private final ContainerInspector inspector;
    private Optional<InspectedContainer> container; // null until inspected

    public Candidate(InjectFault command, ContainerInspector inspector) {
        this.command = command;
        this.inspector = inspector;
    }

    public InjectFault command() {
        return command;
    }

    /**
     * The target container on this host, empty when it does not exist.
     *
     * @throws RuntimeException when the container runtime cannot be asked (the {@code target-exists} check turns it
     *                          into a refusal)
     */
    public Optional<InspectedContainer> container() {
        if (container == null) {
            container = inspector.find(command.target().containerId());
        }
        return container;
    }

    /** The target container, for the checks that run after {@code target-exists} has found it. */
    public InspectedContainer target() {
        return container().orElseThrow(() -> new IllegalStateException(
                "container " + command.target().containerId() + " asked for before the target-exists check"));
    }
}
