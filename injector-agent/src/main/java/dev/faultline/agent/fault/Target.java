package dev.faultline.agent.fault;

import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.common.target.TargetRef;
import java.util.Objects;

/**
 * A target as the agent found it just before acting: what executors need to reach it.
 *
 * @param pid     the container's main process as the host sees it (for signals and {@code nsenter})
 * @param faultId the fault being applied to or reverted from this target: what executors tag what they add with
 *                (iptables comments, tc handles) so that revert removes exactly that; {@code null} only where no
 *                fault is applied (tests of executors that add nothing)
 * @param runId   the run the fault belongs to, for what names it outside the host (ECS's stop reason); null where
 *                it is not known (a revert from the ledger, tests)
 */
public record Target(TargetRef ref, String containerId, String name, long pid, String faultId, String runId) {

    public Target {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(name, "name");
        if (pid <= 0) {
            throw new IllegalArgumentException("a target needs the pid of a running process, was " + pid);
        }
    }

    public Target(TargetRef ref, String containerId, String name, long pid) {
        this(ref, containerId, name, pid, null);
    }

    public Target(TargetRef ref, String containerId, String name, long pid, String faultId) {
        this(ref, containerId, name, pid, faultId, null);
    }

    /** The target of a fault of a run, as the injector resolves it. */
    public static Target of(TargetRef ref, InspectedContainer container, String faultId, String runId) {
        return new Target(ref, container.id(), container.name(), container.pid(), faultId, runId);
    }

    public static Target of(TargetRef ref, InspectedContainer container, String faultId) {
        return new Target(ref, container.id(), container.name(), container.pid(), faultId);
    }

    public static Target of(TargetRef ref, InspectedContainer container) {
        return of(ref, container, null);
    }

    /** The target with the fault that is applied to it. */
    public Target forFault(String faultId) {
        return new Target(ref, containerId, name, pid, faultId, runId);
    }

    /** The fault id, for executors that cannot work without one. */
    public String requireFaultId() {
        if (faultId == null || faultId.isBlank()) {
            throw new IllegalStateException("fault on " + this + " has no fault id to tag its changes with");
        }
        return faultId;
    }

    @Override
    public String toString() {
        return name + " (" + containerId.substring(0, Math.min(12, containerId.length())) + ", pid " + pid + ")";
    }
}
