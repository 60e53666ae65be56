package dev.faultline.agent.platform.ecs;

import dev.faultline.common.fault.EcsTaskNetworkBlackholePort;
import dev.faultline.ecs.fargate.TaskFault;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/** {@code ecs-task-network-blackhole-port}: the ECS agent's {@code network-blackhole-port} fault on the task. */
// a singleton: its base class takes the endpoint in its constructor, so a normal-scoped proxy cannot be made
@Singleton
public class EcsTaskNetworkBlackholePortExecutor extends TaskNetworkFaultExecutor<EcsTaskNetworkBlackholePort> {

    @Inject
    public EcsTaskNetworkBlackholePortExecutor(TaskFaultInjection taskFaults) {
        super(taskFaults);
    }

    @Override
    public Class<EcsTaskNetworkBlackholePort> specType() {
        return EcsTaskNetworkBlackholePort.class;
    }

    @Override
    TaskFault request(EcsTaskNetworkBlackholePort spec) {
        return new TaskFault.NetworkBlackholePort(spec.port(), spec.protocol(), spec.trafficType(),
                spared(spec.sourcesToFilter()));
    }
}
