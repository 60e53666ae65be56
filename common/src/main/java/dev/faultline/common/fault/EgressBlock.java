package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.util.List;

/**
 * Drop everything the target sends except to an allow list, as when external APIs become unreachable. Loopback
 * and the target's answers to connections that peers opened always pass, so it still serves its callers.
 *
 * @param allowContainers containers on this host the target may still reach (any port)
 * @param allowCidrs      IPv4 addresses or CIDRs the target may still reach (any port)
 * @param allowPorts      destination ports the target may still reach on any address
 */
@JsonTypeName("egress-block")
public record EgressBlock(List<String> allowContainers, List<String> allowCidrs, List<Integer> allowPorts)
        implements FaultSpec {

    public EgressBlock {
        allowContainers = NetworkChecks.orEmpty(allowContainers);
        allowCidrs = NetworkChecks.orEmpty(allowCidrs);
        allowPorts = NetworkChecks.orEmpty(allowPorts);
        Checks checks = Checks.start();
        NetworkChecks.containers(checks, allowContainers, "allowContainers");
        NetworkChecks.cidrs(checks, allowCidrs, "allowCidrs");
        NetworkChecks.ports(checks, allowPorts, "allowPorts");
        checks.throwIfAny();
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
