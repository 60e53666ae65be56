package dev.faultline.agent.fault.network;

import dev.faultline.agent.fault.network.FaultChains.Hook;
import dev.faultline.common.fault.PacketLoss;
import dev.faultline.common.fault.TrafficDirection;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code packet-loss}: iptables' {@code statistic} match in random mode drops each matching packet with the
 * requested probability. This works on every kernel with iptables, unlike netem's loss (this project's build
 * machine has no {@code sch_netem}), and leaves the qdisc alone for a bandwidth limit.
 */
@Singleton
public class PacketLossExecutor extends IptablesFaultExecutor<PacketLoss> {

    private final PeerAddresses peers;

    @Inject
    public PacketLossExecutor(TargetNetwork network, PeerAddresses peers) {
        super(network);
        this.peers = peers;
    }

    @Override
    public Class<PacketLoss> specType() {
        return PacketLoss.class;
    }

    @Override
    protected List<IptablesRule> rulesFor(PacketLoss spec) {
        return rules(spec.direction(), spec.probability(), peers.resolve(spec.containers(), spec.cidrs()),
                spec.ports());
    }

    /**
     * One random DROP per peer match and direction. Peers should not overlap (an address inside a named CIDR):
     * a packet that matched two rules would get two chances to be dropped.
     */
    static List<IptablesRule> rules(TrafficDirection direction, double probability, List<String> addresses,
            List<Integer> ports) {
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be above 0 and at most 1, was " + probability);
        }
        List<String> statistic = List.of("-m", "statistic", "--mode", "random", "--probability",
                String.format(Locale.ROOT, "%.6f", probability));
        List<IptablesRule> rules = new ArrayList<>();
        for (Hook hook : Hook.values()) {
            if (hook == Hook.INPUT ? direction.ingress() : direction.egress()) {
                for (List<String> match : PeerMatch.of(hook, addresses, ports, PeerMatch.anyProtocol())) {
                    List<String> all = new ArrayList<>(match);
                    all.addAll(statistic);
                    rules.add(new IptablesRule(hook, all, IptablesRule.DROP));
                }
            }
        }
        return List.copyOf(rules);
    }
}
