package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.util.List;

/**
 * Packet loss on an ECS task's traffic through the ECS agent's fault-injection endpoint
 * ({@code network-packet-loss}); see {@link EcsTaskNetworkLatency} for where it runs.
 *
 * @param percent         the share of packets dropped, a whole number from 1 to 100 (the endpoint takes integers)
 * @param sources         only traffic to these IPv4 addresses or CIDR blocks; all traffic when empty
 * @param sourcesToFilter addresses or CIDR blocks spared
 */
@JsonTypeName("ecs-task-network-packet-loss")
public record EcsTaskNetworkPacketLoss(Integer percent, List<String> sources, List<String> sourcesToFilter)
        implements FaultSpec {

    public EcsTaskNetworkPacketLoss {
        sources = NetworkChecks.orEmpty(sources);
        sourcesToFilter = NetworkChecks.orEmpty(sourcesToFilter);
        Checks checks = Checks.start().notNull(percent, "percent").inRange(percent, 1, 100, "percent");
        EcsTaskAddresses.check(checks, sources, "sources");
        EcsTaskAddresses.check(checks, sourcesToFilter, "sourcesToFilter");
        checks.throwIfAny();
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
