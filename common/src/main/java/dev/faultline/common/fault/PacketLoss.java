package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.util.List;

/**
 * Drop a random share of the target's packets (each packet independently), optionally only those exchanged with
 * some peers (same matching as {@link NetworkPartition}; all traffic when none are named).
 *
 * @param percent   the share of packets dropped, above 0 and at most 100
 * @param direction default {@link TrafficDirection#EGRESS}, like netem: a request/answer exchange then loses
 *                  {@code percent} of its answers, whereas {@code both} loses 1-(1-p)^2 of exchanges
 */
@JsonTypeName("packet-loss")
public record PacketLoss(Double percent, TrafficDirection direction, List<String> containers, List<String> cidrs,
        List<Integer> ports) implements FaultSpec {

    public PacketLoss {
        direction = direction == null ? TrafficDirection.EGRESS : direction;
        containers = NetworkChecks.orEmpty(containers);
        cidrs = NetworkChecks.orEmpty(cidrs);
        ports = NetworkChecks.orEmpty(ports);
        Checks checks = Checks.start().notNull(percent, "percent")
                .require(percent == null || (percent > 0 && percent <= 100), "percent",
                        "must be above 0 and at most 100, was " + percent);
        NetworkChecks.containers(checks, containers, "containers");
        NetworkChecks.cidrs(checks, cidrs, "cidrs");
        NetworkChecks.ports(checks, ports, "ports");
        checks.throwIfAny();
    }

    public static PacketLoss of(double percent) {
        return new PacketLoss(percent, null, null, null, null);
    }

    /** The drop probability per packet, 0 to 1. */
    public double probability() {
        return percent / 100.0;
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
