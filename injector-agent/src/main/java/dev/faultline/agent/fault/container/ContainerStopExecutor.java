package dev.faultline.agent.fault.container;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.OutlastsProcesses;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.runtime.docker.ContainerInspector;
import dev.faultline.agent.runtime.docker.ContainerLifecycle;
import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.common.fault.ContainerStop;
import dev.faultline.common.fault.FaultSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * {@code container-stop}: Docker's stop (SIGTERM, SIGKILL after the grace period). Docker records it as an
 * operator's stop, so the restart policy leaves the container down until the revert starts it again. Its effect is
 * the stopped container itself, so it {@link OutlastsProcesses}: an agent that crashed during the fault starts the
 * container from its ledger.
 */
@ApplicationScoped
public class ContainerStopExecutor implements FaultExecutor<ContainerStop>, OutlastsProcesses {

    private final ContainerLifecycle lifecycle;
    private final ContainerInspector inspector;

    @Inject
    public ContainerStopExecutor(ContainerLifecycle lifecycle, ContainerInspector inspector) {
        this.lifecycle = lifecycle;
        this.inspector = inspector;
    }

    @Override
    public Class<ContainerStop> specType() {
        return ContainerStop.class;
    }

    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.DOCKER);
    }

    @Override
    public void apply(Target target, ContainerStop spec) {
        lifecycle.stop(target.containerId(), spec.timeout());
    }

    /** Starts it again only if it is still down: running (someone started it) or removed means nothing to do. */
    @Override
    public void revert(Target target, ContainerStop spec) {
        inspector.find(target.containerId()).ifPresent(this::startIfStopped);
    }

    @Override
    public void revertWhileDown(InspectedContainer container, FaultSpec spec, String faultId) {
        startIfStopped(container);
    }

    private void startIfStopped(InspectedContainer container) {
        if (stopped(container.status())) {
            lifecycle.start(container.id());
        }
    }

    static boolean stopped(String status) {
        return status.equals("exited") || status.equals("created");
    }
}
