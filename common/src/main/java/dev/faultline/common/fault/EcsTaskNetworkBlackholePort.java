package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Drop an ECS task's traffic on one port through the ECS agent's fault-injection endpoint
 * ({@code network-blackhole-port}); see {@link EcsTaskNetworkLatency} for where it runs.
 *
 * @param port            the port, 1 to 65535
 * @param protocol        {@code tcp} (default) or {@code udp}
 * @param direction       {@code ingress} (callers of the task) or {@code egress} (default: the task's own calls);
 *                        the endpoint has no {@code both}
 * @param sourcesToFilter IPv4 addresses or CIDR blocks spared
 */
@JsonTypeName("ecs-task-network-blackhole-port")
public record EcsTaskNetworkBlackholePort(Integer port, String protocol, TrafficDirection direction,
        List<String> sourcesToFilter) implements FaultSpec {

    public static final Set<String> PROTOCOLS = Set.of("tcp", "udp");

    public EcsTaskNetworkBlackholePort {
        protocol = protocol == null || protocol.isBlank() ? "tcp" : protocol.trim().toLowerCase(Locale.ROOT);
        direction = direction == null ? TrafficDirection.EGRESS : direction;
        sourcesToFilter = NetworkChecks.orEmpty(sourcesToFilter);
        Checks checks = Checks.start()
                .notNull(port, "port")
                .inRange(port, 1, 65535, "port")
                .require(PROTOCOLS.contains(protocol), "protocol", "must be tcp or udp, was " + protocol)
                .require(direction != TrafficDirection.BOTH, "direction",
                        "must be ingress or egress: the ECS agent blackholes one direction per fault");
        EcsTaskAddresses.check(checks, sourcesToFilter, "sourcesToFilter");
        checks.throwIfAny();
    }

    /** The endpoint's {@code TrafficType}. */
    public String trafficType() {
        return direction == TrafficDirection.INGRESS ? "ingress" : "egress";
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
