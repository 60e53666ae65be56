package dev.faultline.agent.fault.container;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.runtime.docker.ContainerInspector;
import dev.faultline.agent.runtime.docker.ContainerLifecycle;
import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.common.fault.ContainerPause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;

/** {@code container-pause}: Docker's pause (the cgroup freezer); the revert unpauses. */
@ApplicationScoped
public class ContainerPauseExecutor implements FaultExecutor<ContainerPause> {

    private final ContainerLifecycle lifecycle;
    private final ContainerInspector inspector;

    @Inject
    public ContainerPauseExecutor(ContainerLifecycle lifecycle, ContainerInspector inspector) {
        this.lifecycle = lifecycle;
        this.inspector = inspector;
    }

    @Override
    public Class<ContainerPause> specType() {
        return ContainerPause.class;
    }

    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.DOCKER);
    }

    /** The agent only targets running containers, so one paused by someone else is never ours to unpause. */
    @Override
    public void apply(Target target, ContainerPause spec) {
        lifecycle.pause(target.containerId());
    }

    /** Unpauses only a container that is paused; gone or already running means already reverted. */
    @Override
    public void revert(Target target, ContainerPause spec) {
        Optional<InspectedContainer> container = inspector.find(target.containerId());
        if (container.isPresent() && container.get().status().equals("paused")) {
            lifecycle.unpause(target.containerId());
        }
    }
}
