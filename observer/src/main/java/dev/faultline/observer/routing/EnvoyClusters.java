package dev.faultline.observer.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Envoy's admin {@code /clusters} in its text form: one line per statistic, {@code cluster::host:port::stat::value}
 * (besides cluster-wide lines such as {@code cluster::default_priority::max_connections::1024}, ignored here). A host
 * is healthy while {@code health_flags} is {@code healthy}; otherwise the flags say why ({@code /failed_active_hc},
 * {@code /failed_outlier_check}, ...). Its request counter is {@code rq_total}, or {@code cx_total} (connections)
 * for a cluster without HTTP requests (a TCP proxy).
 */
public record EnvoyClusters(String url, String cluster) implements RoutingSource {

    private static final String SEPARATOR = "::";

    @Override
    public List<String> urls() {
        return List.of(url);
    }

    @Override
    public Map<String, ServerState> servers(List<String> bodies) {
        return servers(bodies.get(0), cluster);
    }

    static Map<String, ServerState> servers(String text, String cluster) {
        if (text.stripLeading().startsWith("{")) {
            throw new IllegalArgumentException("Envoy /clusters answered JSON; read its text form (no ?format=json)");
        }
        Map<String, String> flags = new HashMap<>();
        Map<String, Long> requests = new HashMap<>();
        Map<String, Long> connections = new HashMap<>();
        String prefix = cluster + SEPARATOR;
        for (String line : text.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            // The host sits between the cluster and the last two fields: an IPv6 host ([::1]:80) holds "::" itself.
            int valueAt = line.lastIndexOf(SEPARATOR);
            int statAt = valueAt <= prefix.length() ? -1 : line.lastIndexOf(SEPARATOR, valueAt - 1);
            if (statAt < prefix.length()) {
                continue;
            }
            String host = line.substring(prefix.length(), statAt);
            String stat = line.substring(statAt + SEPARATOR.length(), valueAt);
            String value = line.substring(valueAt + SEPARATOR.length()).strip();
            switch (stat) {
                case "health_flags" -> flags.put(host, value);
                case "rq_total" -> requests.put(host, Long.parseLong(value));
                case "cx_total" -> connections.put(host, Long.parseLong(value));
                default -> {
                }
            }
        }
        Map<String, ServerState> servers = new HashMap<>();
        flags.forEach((host, f) -> servers.put(host, new ServerState("healthy".equals(f), f,
                requests.containsKey(host) ? requests.get(host) : connections.get(host))));
        return servers;
    }
}
