package dev.faultline.observer.routing;

import dev.faultline.common.experiment.LoadBalancer;
import dev.faultline.observer.metrics.SeriesSelector;
import java.util.List;
import java.util.Map;

/**
 * Where the servers of one load balancer are read from: the URLs to fetch at each poll, and how their bodies become
 * one {@link ServerState} per server. Everything after the poll (routed away, request share) sees only those
 * states, never which proxy it was.
 */
public sealed interface RoutingSource permits HaproxyStats, EnvoyClusters, TraefikServices, PrometheusServers {

    /** The URLs to read at every poll, in the order {@link #servers} takes their bodies. */
    List<String> urls();

    /**
     * The servers found in one poll's bodies, keyed by the load balancer's name for them.
     *
     * @throws IllegalArgumentException when a body is not in the format this source reads
     */
    Map<String, ServerState> servers(List<String> bodies);

    static RoutingSource of(LoadBalancer lb) {
        return switch (lb.type()) {
            case LoadBalancer.HAPROXY -> new HaproxyStats(lb.statsUrl(), lb.backend());
            case LoadBalancer.ENVOY -> new EnvoyClusters(lb.url(), lb.backend());
            case LoadBalancer.TRAEFIK -> new TraefikServices(lb.url(), lb.backend(), lb.metricsUrl(),
                    lb.requests() == null ? null : SeriesSelector.parse(lb.requests()), lb.serverLabel());
            case LoadBalancer.PROMETHEUS -> new PrometheusServers(lb.url(), SeriesSelector.parse(lb.health()),
                    lb.serverLabel(), lb.requests() == null ? null : SeriesSelector.parse(lb.requests()));
            default -> throw new IllegalArgumentException("unknown load balancer type " + lb.type());
        };
    }
}
