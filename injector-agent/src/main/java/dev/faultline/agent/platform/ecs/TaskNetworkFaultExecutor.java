package dev.faultline.agent.platform.ecs;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.fault.UnsupportedOnHostException;
import dev.faultline.common.fault.FaultSpec;
import dev.faultline.ecs.fargate.FaultEndpointException;
import dev.faultline.ecs.fargate.FaultInjectionEndpoint;
import dev.faultline.ecs.fargate.TaskFault;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A network fault the ECS agent applies to the whole task (the task's network namespace, which all its containers
 * share in {@code awsvpc} mode, this sidecar included) through its fault-injection endpoint: {@code start} on
 * apply, {@code stop} on revert. The ECS agent keeps one latency or packet-loss fault per task and answers a second
 * with 409, which fails the fault with its message. A revert whose {@code stop} is refused while the status says
 * {@code not-running} is already reverted.
 */
abstract class TaskNetworkFaultExecutor<S extends FaultSpec> implements FaultExecutor<S> {

    private static final Logger LOG = Logger.getLogger(TaskNetworkFaultExecutor.class);

    /**
     * Always spared: the ECS agent and task metadata endpoint (credentials, the fault endpoints themselves) and the
     * instance metadata service, so that a fault never cuts the task off from what keeps it and its revert working.
     */
    static final List<String> ALWAYS_SPARED = List.of("169.254.170.2", "169.254.169.254");

    private final TaskFaultInjection taskFaults;

    TaskNetworkFaultExecutor(TaskFaultInjection taskFaults) {
        this.taskFaults = taskFaults;
    }

    /** The endpoint's request for this spec. Pure. */
    abstract TaskFault request(S spec);

    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.ECS_FAULT_INJECTION);
    }

    @Override
    public void apply(Target target, S spec) {
        TaskFault fault = request(spec);
        String status = endpoint().start(fault);
        LOG.infof("ECS agent started %s on the task of %s: %s", fault.kind(), target, status);
    }

    @Override
    public void revert(Target target, S spec) {
        String kind = request(spec).kind();
        FaultInjectionEndpoint endpoint = endpoint();
        try {
            endpoint.stop(kind);
        } catch (FaultEndpointException e) {
            if (e.reason() == FaultEndpointException.Reason.UNREACHABLE
                    || e.reason() == FaultEndpointException.Reason.THROTTLED) {
                throw e;
            }
            // refused: either nothing runs (already reverted) or something is wrong, which the status tells apart
            if (!"not-running".equals(endpoint.status(kind))) {
                throw e;
            }
        }
    }

    private FaultInjectionEndpoint endpoint() {
        return taskFaults.endpoint().orElseThrow(() -> new UnsupportedOnHostException(
                FaultInjectionEndpoint.AGENT_URI_ENV + " is not set: this agent is not in an ECS task"));
    }

    /** The spec's spared addresses with {@link #ALWAYS_SPARED}, each once. */
    static List<String> spared(List<String> sourcesToFilter) {
        Set<String> all = new LinkedHashSet<>(sourcesToFilter);
        all.addAll(ALWAYS_SPARED);
        return new ArrayList<>(all);
    }
}
