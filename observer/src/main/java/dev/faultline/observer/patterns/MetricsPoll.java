package dev.faultline.observer.patterns;

import dev.faultline.observer.breaker.BreakerReading;
import dev.faultline.observer.routing.ServerState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One poll of the load balancer's servers and the service's metrics, taken together.
 *
 * @param circuit state of the circuit breaker ({@code closed}, {@code open}, {@code half-open}); {@link #NO_BREAKER}
 *                when the metrics were read but hold no series of that breaker; null when not configured or not
 *                readable at this poll
 * @param retryCount the retry counter's value; null when not configured or not readable
 * @param servers the load balancer's name of each server -> its state; empty when not configured or not readable
 * @param breakers every breaker followed (named or discovered) whose endpoint answered at this poll
 */
public record MetricsPoll(Instant at, String circuit, Double retryCount, Map<String, ServerState> servers,
        List<BreakerReading> breakers) {

    /** The service answered with its metrics, but no circuit breaker of the configured filter is among them. */
    public static final String NO_BREAKER = "none";

    public MetricsPoll {
        servers = servers == null ? Map.of() : Map.copyOf(servers);
        breakers = breakers == null ? List.of() : List.copyOf(breakers);
    }

    /** A poll without the readings of several breakers, as before they existed. */
    public MetricsPoll(Instant at, String circuit, Double retryCount, Map<String, ServerState> servers) {
        this(at, circuit, retryCount, servers, null);
    }
}
