package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.util.List;

/**
 * Drop the target's traffic with some peers until reverted. A packet is dropped when its peer address is one of
 * {@code containers} (their addresses on this host) or {@code cidrs} (any address when both are empty) and its
 * service port is one of {@code ports} (any port when empty). The service port is the destination port: the
 * target's own port for ingress, the peer's for egress.
 *
 * @param direction default {@link TrafficDirection#BOTH}
 */
@JsonTypeName("network-partition")
public record NetworkPartition(List<String> containers, List<String> cidrs, List<Integer> ports,
        TrafficDirection direction) implements FaultSpec {

    public NetworkPartition {
        containers = NetworkChecks.orEmpty(containers);
        cidrs = NetworkChecks.orEmpty(cidrs);
        ports = NetworkChecks.orEmpty(ports);
        direction = direction == null ? TrafficDirection.BOTH : direction;
        Checks checks = Checks.start().require(!(containers.isEmpty() && cidrs.isEmpty() && ports.isEmpty()),
                "containers", "name at least one peer: containers, cidrs or ports (egress-block cuts everything)");
        NetworkChecks.containers(checks, containers, "containers");
        NetworkChecks.cidrs(checks, cidrs, "cidrs");
        NetworkChecks.ports(checks, ports, "ports");
        checks.throwIfAny();
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
