package dev.faultline.observer.patterns;

import java.time.Instant;
import java.util.Map;

/**
 * One poll of the load balancer's stats and the service's metrics, taken together.
 *
 * @param circuit state of the circuit breaker ({@code closed}, {@code open}, {@code half-open}); {@link #NO_BREAKER}
 *                when the metrics were read but hold no series of that breaker; null when not configured or not
 *                readable at this poll
 * @param retryCount the retry counter's value; null when not configured or not readable
 * @param servers HAProxy server name -> its state in the configured backend; empty when not configured
 */
public record MetricsPoll(Instant at, String circuit, Double retryCount, Map<String, ServerState> servers) {

    /** The service answered with its metrics, but no circuit breaker of the configured filter is among them. */
    public static final String NO_BREAKER = "none";

    public MetricsPoll {
        servers = servers == null ? Map.of() : Map.copyOf(servers);
    }

    /** A server as HAProxy's CSV reports it: {@code status} (UP, DOWN, MAINT, ...) and {@code stot} sessions. */
    public record ServerState(String status, long totalSessions) {

        public boolean up() {
            return status != null && status.startsWith("UP");
        }
    }
}
