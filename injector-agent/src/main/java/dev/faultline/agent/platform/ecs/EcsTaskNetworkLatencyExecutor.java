package dev.faultline.agent.platform.ecs;

import dev.faultline.common.fault.EcsTaskNetworkLatency;
import dev.faultline.ecs.fargate.TaskFault;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/** {@code ecs-task-network-latency}: the ECS agent's {@code network-latency} fault on the sidecar's task. */
// a singleton: its base class takes the endpoint in its constructor, so a normal-scoped proxy cannot be made
@Singleton
public class EcsTaskNetworkLatencyExecutor extends TaskNetworkFaultExecutor<EcsTaskNetworkLatency> {

    @Inject
    public EcsTaskNetworkLatencyExecutor(TaskFaultInjection taskFaults) {
        super(taskFaults);
    }

    @Override
    public Class<EcsTaskNetworkLatency> specType() {
        return EcsTaskNetworkLatency.class;
    }

    @Override
    TaskFault request(EcsTaskNetworkLatency spec) {
        return new TaskFault.NetworkLatency(spec.delay().toMillis(), spec.jitter().toMillis(), spec.sources(),
                spared(spec.sourcesToFilter()));
    }
}
