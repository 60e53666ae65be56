package dev.faultline.observer.routing;

import dev.faultline.observer.metrics.ExpositionParser;
import dev.faultline.observer.metrics.Series;
import dev.faultline.observer.metrics.SeriesSelector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Any load balancer that publishes its servers in the Prometheus exposition format: {@code health} selects, per
 * server, a gauge that is above 0 while the server takes traffic (HAProxy's
 * {@code haproxy_server_status{proxy="be",state="UP"}}, an {@code up}-like gauge); {@code serverLabel} is the label
 * naming the server. {@code requests}, optional, selects a request counter; its series are summed per server (a
 * counter split by status code counts whole), as {@link SeriesSelector} sums them.
 */
public record PrometheusServers(String url, SeriesSelector health, String serverLabel, SeriesSelector requests)
        implements RoutingSource {

    @Override
    public List<String> urls() {
        return List.of(url);
    }

    @Override
    public Map<String, ServerState> servers(List<String> bodies) {
        List<Series> scrape = ExpositionParser.parse(bodies.get(0));
        Map<String, Double> gauges = perServer(scrape, health, serverLabel);
        Map<String, Long> counts = requests == null ? Map.of() : requestCounts(scrape, requests, serverLabel);
        Map<String, ServerState> servers = new HashMap<>();
        gauges.forEach((server, value) -> servers.put(server, new ServerState(value > 0,
                health + " = " + trim(value), counts.get(server))));
        return servers;
    }

    /** The selector's series summed per value of {@code serverLabel}; series without that label are left out. */
    static Map<String, Long> requestCounts(List<Series> scrape, SeriesSelector counter, String serverLabel) {
        Map<String, Long> counts = new HashMap<>();
        perServer(scrape, counter, serverLabel).forEach((server, value) -> counts.put(server, Math.round(value)));
        return counts;
    }

    private static Map<String, Double> perServer(List<Series> scrape, SeriesSelector selector, String serverLabel) {
        Map<String, Double> values = new HashMap<>();
        for (Series s : scrape) {
            String server = s.labels().get(serverLabel);
            if (server != null && s.name().equals(selector.metric()) && s.hasLabels(selector.labels())
                    && !Double.isNaN(s.value())) {
                values.merge(server, s.value(), Double::sum);
            }
        }
        return values;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
