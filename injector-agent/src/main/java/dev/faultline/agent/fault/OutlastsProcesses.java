package dev.faultline.agent.fault;

import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.common.fault.FaultSpec;

/**
 * An executor whose effect outlasts the target's processes: a container it stopped, a file it put in the
 * container's filesystem. Most effects live in a running container's namespaces and cgroups and go with them when
 * the container stops, so ledger recovery counts a stopped target's faults as gone; for these executors it asks
 * them instead, because a stopped container is exactly what {@code container-stop} leaves behind.
 */
public interface OutlastsProcesses {

    /**
     * Reverts {@code faultId} on a container that exists but has no running process (pid 0). Throws when that
     * cannot be done yet; the ledger keeps the fault and recovery tries again.
     */
    void revertWhileDown(InspectedContainer container, FaultSpec spec, String faultId);
}
