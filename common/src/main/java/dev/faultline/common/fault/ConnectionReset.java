package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.util.List;

/**
 * Answer the target's TCP traffic with some peers with a reset: new connections are refused at once and open ones
 * break on their next packet. Peers are matched as in {@link NetworkPartition}; at least one must be named.
 *
 * @param direction default {@link TrafficDirection#BOTH}
 */
@JsonTypeName("connection-reset")
public record ConnectionReset(List<String> containers, List<String> cidrs, List<Integer> ports,
        TrafficDirection direction) implements FaultSpec {

    public ConnectionReset {
        containers = NetworkChecks.orEmpty(containers);
        cidrs = NetworkChecks.orEmpty(cidrs);
        ports = NetworkChecks.orEmpty(ports);
        direction = direction == null ? TrafficDirection.BOTH : direction;
        Checks checks = Checks.start().require(!(containers.isEmpty() && cidrs.isEmpty() && ports.isEmpty()),
                "ports", "name at least one peer: containers, cidrs or ports");
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
