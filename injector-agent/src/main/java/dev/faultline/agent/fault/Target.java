package dev.faultline.agent.fault;

import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.common.target.TargetRef;
import java.util.Objects;

/**
 * A target as the agent found it just before acting: what executors need to reach it.
 *
 * @param pid     the container's main process as the host sees it (for signals and {@code nsenter})
 * @param faultId the fault being applied to or reverted from this target: what executors tag their rules with
 */
public record Target(TargetRef ref, String containerId, String name, long pid, String faultId) {

    public Target {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(faultId, "faultId");
        if (pid <= 0) {
            throw new IllegalArgumentException("a target needs the pid of a running process, was " + pid);
        }
    }

    public static Target of(TargetRef ref, InspectedContainer container, String faultId) {
        return new Target(ref, container.id(), container.name(), container.pid(), faultId);
    }

    @Override
    public String toString() {
        return name + " (" + containerId.substring(0, Math.min(12, containerId.length())) + ", pid " + pid + ")";
    }
}
