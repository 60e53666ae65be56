package dev.faultline.agent.fault.network;

import dev.faultline.agent.fault.network.FaultChains.Hook;
import dev.faultline.common.fault.DnsFailure;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dns-failure}: matches DNS by the port the target originally asked for ({@code conntrack
 * --ctorigdstport 53}), because Docker's embedded resolver rewrites 127.0.0.11:53 to a random port before the
 * filter table sees the packet; a plain {@code --dport 53} would miss every lookup on a user-defined network.
 *
 * <p>{@code drop} discards the answers, so lookups time out as with a silent resolver (dropping the queries
 * instead would fail them at once with "Operation not permitted", which no real outage does). {@code reject}
 * refuses the queries: ICMP port unreachable for UDP, a reset for TCP.
 */
@Singleton
public class DnsFailureExecutor extends IptablesFaultExecutor<DnsFailure> {

    @Inject
    public DnsFailureExecutor(TargetNetwork network) {
        super(network);
    }

    @Override
    public Class<DnsFailure> specType() {
        return DnsFailure.class;
    }

    @Override
    protected List<IptablesRule> rulesFor(DnsFailure spec) {
        return rules(spec.mode());
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
