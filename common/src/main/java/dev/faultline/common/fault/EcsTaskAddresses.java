package dev.faultline.common.fault;

import dev.faultline.common.validation.Checks;
import java.util.List;

/**
 * The {@code sources} and {@code sourcesToFilter} of the ECS agent's fault-injection endpoints: IPv4 addresses or
 * CIDR blocks a task fault is limited to, or spares. At most {@link #MAX} of each, a bound of Faultline's own that
 * keeps a request small.
 */
final class EcsTaskAddresses {

    static final int MAX = 64;

    private EcsTaskAddresses() {
    }

    static void check(Checks checks, List<String> addresses, String field) {
        checks.require(addresses.size() <= MAX, field, "must hold at most " + MAX + " addresses, was "
                + addresses.size());
        NetworkChecks.cidrs(checks, addresses, field);
    }
}
