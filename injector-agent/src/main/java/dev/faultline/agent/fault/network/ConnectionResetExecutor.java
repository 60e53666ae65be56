package dev.faultline.agent.fault.network;

import dev.faultline.agent.fault.network.FaultChains.Hook;
import dev.faultline.common.fault.ConnectionReset;
import dev.faultline.common.fault.TrafficDirection;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code connection-reset}: every matching TCP packet is answered with a RST ({@code REJECT --reject-with
 * tcp-reset}): connects are refused at once and open connections break on their next segment.
 */
@Singleton
public class ConnectionResetExecutor extends IptablesFaultExecutor<ConnectionReset> {

    private final PeerAddresses peers;

    @Inject
    public ConnectionResetExecutor(TargetNetwork network, PeerAddresses peers) {
        super(network);
        this.peers = peers;
    }

    @Override
    public Class<ConnectionReset> specType() {
        return ConnectionReset.class;
    }

    @Override
    protected List<IptablesRule> rulesFor(ConnectionReset spec) {
        return rules(spec.direction(), peers.resolve(spec.containers(), spec.cidrs()), spec.ports());
    }

    static List<IptablesRule> rules(TrafficDirection direction, List<String> addresses, List<Integer> ports) {
        List<IptablesRule> rules = new ArrayList<>();
        for (Hook hook : Hook.values()) {
            if (hook == Hook.INPUT ? direction.ingress() : direction.egress()) {
                PeerMatch.of(hook, addresses, ports, List.of(PeerMatch.Protocol.TCP))
                        .forEach(match -> rules.add(new IptablesRule(hook, match, IptablesRule.TCP_RESET)));
            }
        }
        return List.copyOf(rules);
    }
}
