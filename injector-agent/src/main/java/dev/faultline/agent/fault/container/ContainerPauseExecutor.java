package dev.faultline.agent.fault.container;

import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.runtime.docker.ContainerPauser;
import dev.faultline.common.fault.ContainerPause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code container-pause}: freezes every process of the container through Docker (the cgroup freezer) until
 * reverted. Its state is visible from the host ({@code freezer.state} of the container's cgroup), which is what
 * bench/safety-trials.sh checks for orphans.
 */
@ApplicationScoped
public class ContainerPauseExecutor implements FaultExecutor<ContainerPause> {

    private final ContainerPauser pauser;

    @Inject
    public ContainerPauseExecutor(ContainerPauser pauser) {
        this.pauser = pauser;
    }

    @Override
    public Class<ContainerPause> specType() {
        return ContainerPause.class;
    }

    @Override
    public void apply(Target target, ContainerPause spec) {
        pauser.pause(target.containerId());
    }

    @Override
    public void revert(Target target, ContainerPause spec) {
        pauser.unpause(target.containerId());
    }
}
