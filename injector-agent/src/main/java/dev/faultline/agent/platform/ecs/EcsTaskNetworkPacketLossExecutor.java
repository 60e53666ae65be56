package dev.faultline.agent.platform.ecs;

import dev.faultline.common.fault.EcsTaskNetworkPacketLoss;
import dev.faultline.ecs.fargate.TaskFault;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/** {@code ecs-task-network-packet-loss}: the ECS agent's {@code network-packet-loss} fault on the sidecar's task. */
// a singleton: its base class takes the endpoint in its constructor, so a normal-scoped proxy cannot be made
@Singleton
public class EcsTaskNetworkPacketLossExecutor extends TaskNetworkFaultExecutor<EcsTaskNetworkPacketLoss> {

    @Inject
    public EcsTaskNetworkPacketLossExecutor(TaskFaultInjection taskFaults) {
        super(taskFaults);
    }

    @Override
    public Class<EcsTaskNetworkPacketLoss> specType() {
        return EcsTaskNetworkPacketLoss.class;
    }

    @Override
    TaskFault request(EcsTaskNetworkPacketLoss spec) {
        return new TaskFault.NetworkPacketLoss(spec.percent(), spec.sources(), spared(spec.sourcesToFilter()));
    }
}
