package dev.faultline.agent.fault.network;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.fault.network.FaultChains.Hook;
import dev.faultline.common.fault.PacketLoss;
import dev.faultline.common.fault.TrafficDirection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code packet-loss}: iptables' {@code statistic} match in random mode drops each matching packet with the
 * requested probability. This works on every kernel with iptables, unlike netem's loss (this project's build
 * machine has no {@code sch_netem}), and leaves the qdisc alone for a bandwidth limit.
 */
@ApplicationScoped
public class PacketLossExecutor implements FaultExecutor<PacketLoss> {

    private final TargetNetwork network;
    private final PeerAddresses peers;

    @Inject
    public PacketLossExecutor(TargetNetwork network, PeerAddresses peers) {
        this.network = network;
        this.peers = peers;
    }

    /** Runs iptables/tc inside the target's network namespace with the host's binaries. */
    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.NSENTER, HostFeature.IPTABLES);
    }

    @Override
    public Class<PacketLoss> specType() {
        return PacketLoss.class;
    }

    @Override
    public void apply(Target target, PacketLoss spec) {
        List<String> addresses = peers.resolve(spec.containers(), spec.cidrs());
        network.installRules(target, new FaultChains(target.requireFaultId()),
                rules(spec.direction(), spec.probability(), addresses, spec.ports()));
    }

    @Override
    public void revert(Target target, PacketLoss spec) {
        network.removeRules(target, new FaultChains(target.requireFaultId()));
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
