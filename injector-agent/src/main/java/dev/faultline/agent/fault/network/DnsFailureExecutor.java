package dev.faultline.agent.fault.network;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.fault.network.FaultChains.Hook;
import dev.faultline.common.fault.DnsFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code dns-failure}: matches DNS by the port the target originally asked for ({@code conntrack
 * --ctorigdstport 53}), because Docker's embedded resolver rewrites 127.0.0.11:53 to a random port before the
 * filter table sees the packet; a plain {@code --dport 53} would miss every lookup on a user-defined network.
 *
 * <p>{@code drop} discards the answers, so lookups time out as with a silent resolver (dropping the queries
 * instead would fail them at once with "Operation not permitted", which no real outage does). {@code reject}
 * refuses the queries: ICMP port unreachable for UDP, a reset for TCP.
 */
@ApplicationScoped
public class DnsFailureExecutor implements FaultExecutor<DnsFailure> {

    private final TargetNetwork network;

    @Inject
    public DnsFailureExecutor(TargetNetwork network) {
        this.network = network;
    }

    /** Runs iptables/tc inside the target's network namespace with the host's binaries. */
    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.NSENTER, HostFeature.IPTABLES);
    }

    @Override
    public Class<DnsFailure> specType() {
        return DnsFailure.class;
    }

    @Override
    public void apply(Target target, DnsFailure spec) {
        network.installRules(target, new FaultChains(target.requireFaultId()), rules(spec.mode()));
    }

    @Override
    public void revert(Target target, DnsFailure spec) {
        network.removeRules(target, new FaultChains(target.requireFaultId()));
    }

    static List<IptablesRule> rules(DnsFailure.Mode mode) {
        List<IptablesRule> rules = new ArrayList<>();
        for (PeerMatch.Protocol protocol : PeerMatch.anyProtocol()) {
            String p = protocol.name().toLowerCase(java.util.Locale.ROOT);
            if (mode == DnsFailure.Mode.DROP) {
                rules.add(new IptablesRule(Hook.INPUT, List.of("-p", p, "-m", "conntrack", "--ctorigdstport", "53",
                        "--ctdir", "REPLY"), IptablesRule.DROP));
            } else {
                rules.add(new IptablesRule(Hook.OUTPUT, List.of("-p", p, "-m", "conntrack", "--ctorigdstport", "53",
                        "--ctdir", "ORIGINAL"),
                        protocol == PeerMatch.Protocol.TCP ? IptablesRule.TCP_RESET : IptablesRule.PORT_UNREACHABLE));
            }
        }
        return List.copyOf(rules);
    }
}
