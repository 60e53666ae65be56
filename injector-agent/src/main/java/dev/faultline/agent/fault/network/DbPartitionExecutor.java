package dev.faultline.agent.fault.network;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.fault.network.FaultChains.Hook;
import dev.faultline.common.fault.DbPartition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * {@code db-partition}: a partition from one endpoint, in the form that database clients meet in production: what
 * the endpoint sends never arrives, so connects and queries time out (a connection pool's worst case) rather than
 * fail fast. The target's own packets still leave, so the database may see half-open connections.
 */
@ApplicationScoped
public class DbPartitionExecutor implements FaultExecutor<DbPartition> {

    private final TargetNetwork network;
    private final PeerAddresses peers;

    @Inject
    public DbPartitionExecutor(TargetNetwork network, PeerAddresses peers) {
        this.network = network;
        this.peers = peers;
    }

    /** Runs iptables/tc inside the target's network namespace with the host's binaries. */
    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.NSENTER, HostFeature.IPTABLES);
    }

    @Override
    public Class<DbPartition> specType() {
        return DbPartition.class;
    }

    @Override
    public void apply(Target target, DbPartition spec) {
        List<String> addresses = spec.hostIsAddress() ? List.of(spec.host())
                : peers.resolve(List.of(spec.host()), List.of());
        network.installRules(target, new FaultChains(target.requireFaultId()), rules(addresses, spec.port()));
    }

    @Override
    public void revert(Target target, DbPartition spec) {
        network.removeRules(target, new FaultChains(target.requireFaultId()));
    }

    /** DROP of TCP from each of the endpoint's addresses and its port. */
    static List<IptablesRule> rules(List<String> endpointAddresses, int port) {
        if (endpointAddresses.isEmpty()) {
            throw new IllegalArgumentException("the endpoint has no address");
        }
        return endpointAddresses.stream()
                .map(address -> new IptablesRule(Hook.INPUT,
                        List.of("-p", "tcp", "-s", address, "--sport", Integer.toString(port)), IptablesRule.DROP))
                .toList();
    }
}
