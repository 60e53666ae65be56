package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load balancer in front of the targets ({@code loadBalancer:}), so the timeline can say when it routed traffic
 * away from a target: the target's server is reported unhealthy, or it gets no new request while the others do.
 * Each {@code type} reads a different source; the observer turns every one into the same per-server health and
 * request counter (see docs/experiment-format.md):
 *
 * <ul>
 * <li>{@code haproxy} (default): the stats CSV at {@code statsUrl} (e.g. {@code http://127.0.0.1:8404/stats;csv}),
 *     servers of {@code backend}.</li>
 * <li>{@code envoy}: the admin interface's {@code /clusters} text at {@code url}, hosts of cluster {@code backend};
 *     a server is named {@code host:port} as Envoy lists it.</li>
 * <li>{@code traefik}: the API's {@code /api/http/services} (or {@code /api/http/services/<name>}) at {@code url},
 *     the {@code serverStatus} of service {@code backend} (e.g. {@code shop@docker}); a server is its URL. Request
 *     share optionally from a per-server counter {@code requests} on the Prometheus endpoint {@code metricsUrl},
 *     labelled by {@code serverLabel} (default {@code url}).</li>
 * <li>{@code prometheus}: any metrics endpoint at {@code url}; {@code health} selects one series per server (healthy
 *     while its value is above 0), {@code serverLabel} is the label naming the server, {@code requests} optionally a
 *     per-server request counter (summed per server over its other labels).</li>
 * </ul>
 *
 * @param statsUrl    HAProxy's stats CSV ({@code haproxy}; {@code url} is accepted instead)
 * @param backend     the group of servers: HAProxy backend, Envoy cluster, Traefik service; not for
 *                    {@code prometheus} (its selectors carry the filter)
 * @param servers     container name of a target -> the server's name in the load balancer's own terms
 * @param type        {@code haproxy}, {@code envoy}, {@code traefik} or {@code prometheus}; absent: {@code haproxy}
 * @param url         where to read the servers' health (every type but {@code haproxy}, which has {@code statsUrl})
 * @param metricsUrl  Traefik's Prometheus endpoint, for request share ({@code traefik} only, optional)
 * @param health      {@code metric{label="value"}} selecting each server's health gauge ({@code prometheus})
 * @param serverLabel the label whose value names the server ({@code prometheus}; {@code traefik}, default
 *                    {@code url})
 * @param requests    {@code metric{label="value"}} selecting each server's request counter (optional)
 */
public record LoadBalancer(String statsUrl, String backend, Map<String, String> servers, String type, String url,
        String metricsUrl, String health, String serverLabel, String requests) {

    public static final String HAPROXY = "haproxy";
    public static final String ENVOY = "envoy";
    public static final String TRAEFIK = "traefik";
    public static final String PROMETHEUS = "prometheus";
    public static final List<String> TYPES = List.of(HAPROXY, ENVOY, TRAEFIK, PROMETHEUS);

    public LoadBalancer {
        servers = servers == null ? Map.of() : Map.copyOf(servers);
        type = type == null || type.isBlank() ? HAPROXY : type.strip().toLowerCase(Locale.ROOT);
        boolean haproxy = HAPROXY.equals(type);
        boolean traefik = TRAEFIK.equals(type);
        boolean generic = PROMETHEUS.equals(type);
        if (haproxy && statsUrl == null) {
            statsUrl = url;
            url = null;
        }
        if (traefik && serverLabel == null) {
            serverLabel = "url";
        }
        Checks checks = Checks.start()
                .require(TYPES.contains(type), "type", typeMessage(type))
                .require(!servers.isEmpty(), "servers", "must map at least one target container to its server");
        if (TYPES.contains(type)) {
            checks.require(!haproxy || statsUrl != null, "statsUrl",
                            "is required for haproxy: the stats CSV, e.g. http://127.0.0.1:8404/stats;csv")
                    .require(statsUrl == null || HttpProbe.isHttpUrl(statsUrl), "statsUrl",
                            "must be an absolute http:// URL")
                    .require(haproxy || statsUrl == null, "statsUrl", "is only for haproxy; " + type + " uses url")
                    .require(haproxy || url != null, "url", "is required for " + type + ": " + urlExample(type))
                    .require(url == null || HttpProbe.isHttpUrl(url), "url", "must be an absolute http:// URL")
                    .require(generic || (backend != null && !backend.isBlank()), "backend",
                            "is required for " + type + ": " + backendExample(type))
                    .require(!generic || backend == null, "backend",
                            "is not used with prometheus; write the filter into the health selector")
                    .require(!generic || isSelector(health), "health", "is required for prometheus: a selector"
                            + " 'metric{label=\"value\"}' with one series per server, healthy while above 0")
                    .require(generic || health == null, "health", "is only for type prometheus")
                    .require(!generic || (serverLabel != null && !serverLabel.isBlank()), "serverLabel",
                            "is required for prometheus: the label whose value names the server, e.g. server")
                    .require(generic || traefik || serverLabel == null, "serverLabel",
                            "is only for types prometheus and traefik")
                    .require(requests == null || isSelector(requests), "requests",
                            "must be a selector 'metric{label=\"value\"}'")
                    .require(generic || traefik || requests == null, "requests",
                            "is only for types prometheus and traefik; " + type + " reports requests itself")
                    .require(!traefik || (metricsUrl == null) == (requests == null), "metricsUrl",
                            "and requests go together for traefik: the Prometheus endpoint and its per-server"
                                    + " request counter")
                    .require(metricsUrl == null || HttpProbe.isHttpUrl(metricsUrl), "metricsUrl",
                            "must be an absolute http:// URL")
                    .require(traefik || metricsUrl == null, "metricsUrl", "is only for type traefik");
        }
        checks.throwIfAny();
    }

    /** The HAProxy form as it was before other types existed. */
    public LoadBalancer(String statsUrl, String backend, Map<String, String> servers) {
        this(statsUrl, backend, servers, null, null, null, null, null, null);
    }

    /** {@code metric} or {@code metric{a="x",...}}, as {@code resilience.retryCounter} takes it. */
    public static boolean isSelector(String text) {
        return text != null && PrometheusProbe.QUERY.matcher(text + " >= 0").matches();
    }

    private static String typeMessage(String type) {
        String known = "must be one of " + String.join(", ", TYPES) + ", was '" + type + "'";
        // nginx is the proxy people try first; say why it cannot be supported rather than only that it is not.
        return "nginx".equals(type) ? known + ": open-source nginx exposes no per-upstream health or request counts"
                + " (only NGINX Plus's API does); use type prometheus with an exporter that publishes them" : known;
    }

    private static String urlExample(String type) {
        return switch (type) {
            case ENVOY -> "the admin interface's /clusters, e.g. http://127.0.0.1:9901/clusters";
            case TRAEFIK -> "the API's services, e.g. http://127.0.0.1:8080/api/http/services";
            default -> "the metrics endpoint, e.g. http://127.0.0.1:8404/metrics";
        };
    }

    private static String backendExample(String type) {
        return switch (type) {
            case ENVOY -> "the cluster's name";
            case TRAEFIK -> "the service's name, e.g. shop@docker";
            default -> "the backend's name";
        };
    }
}
