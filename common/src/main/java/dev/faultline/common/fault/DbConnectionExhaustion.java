package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;

/**
 * Hold {@code connections} TCP connections to a database endpoint open until reverted, so that the database's
 * connection slots (max_connections, a pooler's limit) run out for everyone else.
 *
 * @param host        the database: an IPv4 address, or a name the agent's host resolves
 * @param port        its TCP port
 * @param connections how many to hold, 1 to {@link #MAX_CONNECTIONS}
 */
@JsonTypeName("db-connection-exhaustion")
public record DbConnectionExhaustion(String host, int port, int connections) implements FaultSpec {

    /** Each held connection is a file descriptor of the agent; this keeps the agent itself well inside its limits. */
    public static final int MAX_CONNECTIONS = 2000;

    public DbConnectionExhaustion {
        Endpoints.check(Checks.start(), host, port)
                .inRange(connections, 1, MAX_CONNECTIONS, "connections")
                .throwIfAny();
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
