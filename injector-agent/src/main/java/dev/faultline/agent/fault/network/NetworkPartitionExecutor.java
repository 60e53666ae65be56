package dev.faultline.agent.fault.network;

import dev.faultline.agent.fault.network.FaultChains.Hook;
import dev.faultline.common.fault.NetworkPartition;
import dev.faultline.common.fault.TrafficDirection;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code network-partition}: DROP rules in the target's namespace for the named peers and ports. Dropped arriving
 * packets look like a dead path to the peer (it times out); dropped leaving packets make the target's own sends
 * fail at once with "Operation not permitted", which is how Linux reports a packet that netfilter dropped on its
 * way out of the sending host.
 */
@Singleton
public class NetworkPartitionExecutor extends IptablesFaultExecutor<NetworkPartition> {

    private final PeerAddresses peers;

    @Inject
    public NetworkPartitionExecutor(TargetNetwork network, PeerAddresses peers) {
        super(network);
        this.peers = peers;
    }

    @Override
    public Class<NetworkPartition> specType() {
        return NetworkPartition.class;
    }

    @Override
    protected List<IptablesRule> rulesFor(NetworkPartition spec) {
        return rules(spec.direction(), peers.resolve(spec.containers(), spec.cidrs()), spec.ports());
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
