package dev.faultline.agent.fault.network;

import dev.faultline.agent.fault.network.FaultChains.Hook;
import java.util.List;
import java.util.Objects;

/**
 * One rule of a fault, before it is tagged and placed in the fault's chain for {@code hook}.
 *
 * @param match  iptables match arguments, e.g. {@code -p tcp -d 10.0.0.5 --dport 5432}
 * @param action what happens to a matching packet: the {@code -j} target and its options
 */
public record IptablesRule(Hook hook, List<String> match, List<String> action) {

    public IptablesRule {
        Objects.requireNonNull(hook, "hook");
        match = List.copyOf(match);
        action = List.copyOf(action);
        if (action.isEmpty()) {
            throw new IllegalArgumentException("a rule needs an action");
        }
    }

    public static final List<String> DROP = List.of("DROP");
    /** Leave the fault's chain: the packet goes on through the rest of the built-in chain as if untouched. */
    public static final List<String> RETURN = List.of("RETURN");
    public static final List<String> TCP_RESET = List.of("REJECT", "--reject-with", "tcp-reset");
    public static final List<String> PORT_UNREACHABLE = List.of("REJECT", "--reject-with", "icmp-port-unreachable");
}
