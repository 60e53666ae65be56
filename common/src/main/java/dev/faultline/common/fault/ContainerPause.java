package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Freeze every process of a container ({@code docker pause}, the cgroup freezer): it stays "running" to Docker
 * and holds its connections, but answers nothing, like a long GC pause or a hung host. Unpaused on revert.
 */
@JsonTypeName("container-pause")
public record ContainerPause() implements FaultSpec {

    @Override
    public boolean lasting() {
        return true;
    }
}
