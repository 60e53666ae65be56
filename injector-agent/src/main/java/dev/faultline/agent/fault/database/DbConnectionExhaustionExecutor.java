package dev.faultline.agent.fault.database;

import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.common.fault.DbConnectionExhaustion;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jboss.logging.Logger;

/**
 * {@code db-connection-exhaustion}: the agent opens N TCP connections to the database endpoint and holds them
 * until revert, taking N of the database's connection slots from the target.
 *
 * <p>The connections start from the agent's host, not from the target's network namespace: what runs out is the
 * server's slots, whoever holds them, and the JVM cannot open a socket in another namespace (that needs setns on
 * the calling thread, or a helper process per namespace). A database that limits connections per client address
 * would count these against the host's address. The host reaches containers on its Docker bridge networks directly.
 */
@ApplicationScoped
public class DbConnectionExhaustionExecutor implements FaultExecutor<DbConnectionExhaustion> {

    private static final Logger LOG = Logger.getLogger(DbConnectionExhaustionExecutor.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final ConcurrentMap<String, HeldConnections> held = new ConcurrentHashMap<>();

    @Override
    public Class<DbConnectionExhaustion> specType() {
        return DbConnectionExhaustion.class;
    }

    @Override
    public void apply(Target target, DbConnectionExhaustion spec) {
        InetSocketAddress endpoint = new InetSocketAddress(spec.host(), spec.port());
        if (endpoint.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve " + spec.host() + " on the agent's host");
        }
        HeldConnections connections;
        try {
            connections = HeldConnections.open(endpoint, spec.connections(), CONNECT_TIMEOUT);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open connections to " + endpoint + ": " + e.getMessage(), e);
        }
        if (connections.count() == 0) {
            connections.close();
            throw new IllegalStateException("no connection to " + endpoint + " could be opened within "
                    + CONNECT_TIMEOUT.toSeconds() + " s: the endpoint is unreachable from the agent's host");
        }
        if (held.putIfAbsent(target.faultId(), connections) != null) {
            connections.close();
            throw new IllegalStateException("fault " + target.faultId() + " already holds connections");
        }
        if (connections.count() < spec.connections()) {
            // Not a failure: the server stopped accepting, which is the state this fault is meant to reach.
            LOG.warnf("fault %s: holding %d of %d connections to %s; the server accepted no more",
                    target.faultId(), connections.count(), spec.connections(), endpoint);
        } else {
            LOG.infof("fault %s: holding %d connections to %s", target.faultId(), connections.count(), endpoint);
        }
    }

    /** Closes them; a fault holding nothing here (reverted already, or the agent restarted) is done. */
    @Override
    public void revert(Target target, DbConnectionExhaustion spec) {
        HeldConnections connections = held.remove(target.faultId());
        if (connections != null) {
            connections.close();
        }
    }

    /** How many connections this fault holds now; 0 when none. */
    public int holding(String faultId) {
        HeldConnections connections = held.get(faultId);
        return connections == null ? 0 : connections.count();
    }
}
