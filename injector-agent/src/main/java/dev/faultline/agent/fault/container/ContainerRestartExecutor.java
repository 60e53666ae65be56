package dev.faultline.agent.fault.container;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.runtime.docker.ContainerLifecycle;
import dev.faultline.common.fault.ContainerRestart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/** {@code container-restart}: Docker's restart (stop with a grace period, then start). */
@ApplicationScoped
public class ContainerRestartExecutor implements FaultExecutor<ContainerRestart> {

    private final ContainerLifecycle lifecycle;

    @Inject
    public ContainerRestartExecutor(ContainerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Class<ContainerRestart> specType() {
        return ContainerRestart.class;
    }

    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.DOCKER);
    }

    @Override
    public void apply(Target target, ContainerRestart spec) {
        lifecycle.restart(target.containerId(), spec.timeout());
    }

    /** Nothing to undo: the container is running again; how its clients coped is what the experiment measures. */
    @Override
    public void revert(Target target, ContainerRestart spec) {
        // deliberately empty, see above
    }
}
