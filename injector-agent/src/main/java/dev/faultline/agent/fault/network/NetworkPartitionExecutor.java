package dev.faultline.agent.fault.network;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.fault.network.FaultChains.Hook;
import dev.faultline.common.fault.NetworkPartition;
import dev.faultline.common.fault.TrafficDirection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code network-partition}: DROP rules in the target's namespace for the named peers and ports. Dropped arriving
 * packets look like a dead path to the peer (it times out); dropped leaving packets make the target's own sends
 * fail at once with "Operation not permitted", which is how Linux reports a packet that netfilter dropped on its
 * way out of the sending host.
 */
@ApplicationScoped
public class NetworkPartitionExecutor implements FaultExecutor<NetworkPartition> {

    private final TargetNetwork network;
    private final PeerAddresses peers;

    @Inject
    public NetworkPartitionExecutor(TargetNetwork network, PeerAddresses peers) {
        this.network = network;
        this.peers = peers;
    }

    /** Runs iptables/tc inside the target's network namespace with the host's binaries. */
    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.NSENTER, HostFeature.IPTABLES);
    }

    @Override
    public Class<NetworkPartition> specType() {
        return NetworkPartition.class;
    }

    @Override
    public void apply(Target target, NetworkPartition spec) {
        List<String> addresses = peers.resolve(spec.containers(), spec.cidrs());
        network.installRules(target, new FaultChains(target.requireFaultId()),
                rules(spec.direction(), addresses, spec.ports()));
    }

    @Override
    public void revert(Target target, NetworkPartition spec) {
        network.removeRules(target, new FaultChains(target.requireFaultId()));
    }

    /** DROP for every peer address and port, in each direction asked for. */
    static List<IptablesRule> rules(TrafficDirection direction, List<String> addresses, List<Integer> ports) {
        List<IptablesRule> rules = new ArrayList<>();
        for (Hook hook : Hook.values()) {
            if (hook == Hook.INPUT ? direction.ingress() : direction.egress()) {
                PeerMatch.of(hook, addresses, ports, PeerMatch.anyProtocol())
                        .forEach(match -> rules.add(new IptablesRule(hook, match, IptablesRule.DROP)));
            }
        }
        return List.copyOf(rules);
    }
}
