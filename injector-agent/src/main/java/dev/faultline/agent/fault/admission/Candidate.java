package dev.faultline.agent.fault.admission;

import dev.faultline.agent.runtime.docker.ContainerInspector;
import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.common.command.InjectFault;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * An InjectFault under admission. Its target container is inspected once, when the first check asks for it, so the
 * checks that come before the target's (limits, repeated commands) never touch the container runtime.
 */
public final class Candidate {

    private final InjectFault command;
    private final ContainerInspector inspector;
    private Optional<InspectedContainer> container; // null until inspected
    private Optional<Instant> mainProcessStart = Optional.empty(); // of an inspection made ahead of the instant

    public Candidate(InjectFault command, ContainerInspector inspector) {
        this.command = command;
        this.inspector = inspector;
    }

    /**
     * Inspects the target now, ahead of the command's instant, so that the Docker call is not between the instant
     * and the action; {@link #revalidate} before acting decides whether the inspection still holds. An inspection
     * that fails here is simply made again at the instant.
     *
     * @param processStarts when a host process started, by pid; empty when it does not exist or cannot be told
     */
    public static Candidate resolvedAhead(InjectFault command, ContainerInspector inspector,
            LongFunction<Optional<Instant>> processStarts) {
        Candidate candidate = new Candidate(command, inspector);
        try {
            candidate.container().filter(InspectedContainer::running)
                    .ifPresent(c -> candidate.mainProcessStart = processStarts.apply(c.pid()));
        } catch (RuntimeException e) {
            candidate.container = null;
        }
        return candidate;
    }

    /**
     * Keeps an inspection made ahead only when it still describes the target: the container was running and its main
     * process is the very one inspected (same pid, same start time), so a signal to that pid cannot reach a process
     * that took the pid over. Anything else (not running then, a process that cannot be told, one that changed) is
     * inspected again now.
     */
    public void revalidate(LongFunction<Optional<Instant>> processStarts) {
        if (container == null) {
            return;
        }
        boolean stillCurrent = container.isPresent() && container.get().running() && mainProcessStart.isPresent()
                && Objects.equals(processStarts.apply(container.get().pid()), mainProcessStart);
        if (!stillCurrent) {
            container = null;
            mainProcessStart = Optional.empty();
        }
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
