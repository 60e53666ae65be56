package dev.faultline.agent.fault.network;

import dev.faultline.agent.fault.network.FaultChains.Hook;
import dev.faultline.common.fault.EgressBlock;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code egress-block}: the target's OUTPUT goes through a chain that lets pass loopback, its answers on
 * connections that peers opened (so it still serves its callers), and the allow list, and drops the rest. New
 * outbound connections to anything else fail at once ("Operation not permitted"), and outbound connections that
 * were open stall. Resolvers outside the target are blocked too unless allowed (Docker's embedded DNS on
 * 127.0.0.11 is loopback and keeps working).
 */
@Singleton
public class EgressBlockExecutor extends IptablesFaultExecutor<EgressBlock> {

    private final PeerAddresses peers;

    @Inject
    public EgressBlockExecutor(TargetNetwork network, PeerAddresses peers) {
        super(network);
        this.peers = peers;
    }

    @Override
    public Class<EgressBlock> specType() {
        return EgressBlock.class;
    }

    @Override
    protected List<IptablesRule> rulesFor(EgressBlock spec) {
        return rules(peers.resolve(spec.allowContainers(), spec.allowCidrs()), spec.allowPorts());
    }

    /** RETURN (let pass) for what stays allowed, then DROP. Order matters: the first match decides. */
    static List<IptablesRule> rules(List<String> allowedAddresses, List<Integer> allowedPorts) {
        List<IptablesRule> rules = new ArrayList<>();
        rules.add(new IptablesRule(Hook.OUTPUT, List.of("-o", "lo"), IptablesRule.RETURN));
        // Packets in the reply direction of a connection a peer opened: the target's answers to its callers.
        rules.add(new IptablesRule(Hook.OUTPUT,
                List.of("-m", "conntrack", "--ctstate", "ESTABLISHED", "--ctdir", "REPLY"), IptablesRule.RETURN));
        for (String address : allowedAddresses) {
            rules.add(new IptablesRule(Hook.OUTPUT, List.of("-d", address), IptablesRule.RETURN));
        }
        for (List<String> match : PeerMatch.of(Hook.OUTPUT, List.of(), allowedPorts, PeerMatch.anyProtocol())) {
            if (!match.isEmpty()) {
                rules.add(new IptablesRule(Hook.OUTPUT, match, IptablesRule.RETURN));
            }
        }
        rules.add(new IptablesRule(Hook.OUTPUT, List.of(), IptablesRule.DROP));
        return List.copyOf(rules);
    }
}
