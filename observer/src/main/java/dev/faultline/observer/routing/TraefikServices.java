package dev.faultline.observer.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.observer.metrics.ExpositionParser;
import dev.faultline.observer.metrics.SeriesSelector;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Traefik's API: {@code /api/http/services} answers a JSON array of services, {@code /api/http/services/<name>} one
 * service; a service's {@code serverStatus} maps each server URL to {@code UP} or {@code DOWN} (Traefik's health
 * check). The API has no per-server request count, so when {@code metricsUrl} is given the counter
 * {@code requests} is read there, per value of {@code serverLabel}; without it a server carries no counter.
 */
public record TraefikServices(String url, String service, String metricsUrl, SeriesSelector requests,
        String serverLabel) implements RoutingSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<String> urls() {
        return metricsUrl == null ? List.of(url) : List.of(url, metricsUrl);
    }

    @Override
    public Map<String, ServerState> servers(List<String> bodies) {
        Map<String, Long> counts = metricsUrl == null ? Map.of()
                : PrometheusServers.requestCounts(ExpositionParser.parse(bodies.get(1)), requests, serverLabel);
        Map<String, ServerState> servers = new HashMap<>();
        serverStatus(bodies.get(0), service).forEach((server, status) ->
                servers.put(server, new ServerState("UP".equalsIgnoreCase(status), status, counts.get(server))));
        return servers;
    }

    /** Server URL -> status of the named service; empty when the answer does not hold that service. */
    static Map<String, String> serverStatus(String body, String service) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Traefik API answer is not JSON: " + e.getOriginalMessage());
        }
        JsonNode found = null;
        if (root.isArray()) {
            for (JsonNode s : root) {
                if (service.equals(s.path("name").asText())) {
                    found = s;
                }
            }
        } else if (root.isObject() && service.equals(root.path("name").asText())) {
            found = root;
        } else if (!root.isObject()) {
            throw new IllegalArgumentException("Traefik API answer is neither a service nor a list of services");
        }
        Map<String, String> status = new HashMap<>();
        if (found != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = found.path("serverStatus").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                status.put(e.getKey(), e.getValue().asText());
            }
        }
        return status;
    }
}
