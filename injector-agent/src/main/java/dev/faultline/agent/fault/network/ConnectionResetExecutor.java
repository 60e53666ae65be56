package dev.faultline.agent.fault.network;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.fault.network.FaultChains.Hook;
import dev.faultline.common.fault.ConnectionReset;
import dev.faultline.common.fault.TrafficDirection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code connection-reset}: every matching TCP packet is answered with a RST ({@code REJECT --reject-with
 * tcp-reset}): connects are refused at once and open connections break on their next segment.
 */
@ApplicationScoped
public class ConnectionResetExecutor implements FaultExecutor<ConnectionReset> {

    private final TargetNetwork network;
    private final PeerAddresses peers;

    @Inject
    public ConnectionResetExecutor(TargetNetwork network, PeerAddresses peers) {
        this.network = network;
        this.peers = peers;
    }

    /** Runs iptables/tc inside the target's network namespace with the host's binaries. */
    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.NSENTER, HostFeature.IPTABLES);
    }

    @Override
    public Class<ConnectionReset> specType() {
        return ConnectionReset.class;
    }

    @Override
    public void apply(Target target, ConnectionReset spec) {
        List<String> addresses = peers.resolve(spec.containers(), spec.cidrs());
        network.installRules(target, new FaultChains(target.requireFaultId()),
                rules(spec.direction(), addresses, spec.ports()));
    }

    @Override
    public void revert(Target target, ConnectionReset spec) {
        network.removeRules(target, new FaultChains(target.requireFaultId()));
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
