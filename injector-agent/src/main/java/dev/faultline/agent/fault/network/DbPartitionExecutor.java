package dev.faultline.agent.fault.network;

import dev.faultline.agent.fault.network.FaultChains.Hook;
import dev.faultline.common.fault.DbPartition;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code db-partition}: a partition from one endpoint, in the form that database clients meet in production: what
 * the endpoint sends never arrives, so connects and queries time out (a connection pool's worst case) rather than
 * fail fast. The target's own packets still leave, so the database may see half-open connections.
 */
@Singleton
public class DbPartitionExecutor extends IptablesFaultExecutor<DbPartition> {

    private final PeerAddresses peers;

    @Inject
    public DbPartitionExecutor(TargetNetwork network, PeerAddresses peers) {
        super(network);
        this.peers = peers;
    }

    @Override
    public Class<DbPartition> specType() {
        return DbPartition.class;
    }

    @Override
    protected List<IptablesRule> rulesFor(DbPartition spec) {
        List<String> addresses = spec.hostIsAddress() ? List.of(spec.host())
                : peers.resolve(List.of(spec.host()), List.of());
        return rules(addresses, spec.port());
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
