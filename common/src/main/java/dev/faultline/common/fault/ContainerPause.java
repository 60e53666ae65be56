package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Freeze every process of a container (Docker pause: the cgroup freezer) until the fault is reverted. A lasting
 * fault: the agent records it in its ledger and unpauses the container on revert.
 */
@JsonTypeName("container-pause")
public record ContainerPause() implements FaultSpec {

    @Override
    public boolean lasting() {
        return true;
    }
}
