package dev.faultline.common.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.validation.InvalidValueException;
import dev.faultline.common.validation.Violation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadBalancerTest {

    static final Map<String, String> SERVERS = Map.of("web-1", "s1");

    @Test
    void withoutATypeItIsHaproxyAsBefore() throws Exception {
        LoadBalancer lb = ChaosJson.experimentsYaml().readValue("""
                statsUrl: http://127.0.0.1:8404/stats;csv
                backend: shop_orders
                servers: {shop-orders-1: orders1}
                """, LoadBalancer.class);

        assertThat(lb.type()).isEqualTo(LoadBalancer.HAPROXY);
        assertThat(lb.statsUrl()).isEqualTo("http://127.0.0.1:8404/stats;csv");
        assertThat(new LoadBalancer("http://127.0.0.1:1/stats;csv", "be", SERVERS).type()).isEqualTo("haproxy");
    }

    @Test
    void haproxyTakesUrlForStatsUrl() {
        LoadBalancer lb = new LoadBalancer(null, "be", SERVERS, "HAProxy", "http://127.0.0.1:1/stats;csv", null, null,
                null, null);
        assertThat(lb.statsUrl()).isEqualTo("http://127.0.0.1:1/stats;csv");
        assertThat(lb.url()).isNull();
    }

    @Test
    void readsEveryTypeFromYaml() throws Exception {
        LoadBalancer prometheus = ChaosJson.experimentsYaml().readValue("""
                type: prometheus
                url: http://127.0.0.1:8404/metrics
                health: haproxy_server_status{proxy="be",state="UP"}
                serverLabel: server
                requests: haproxy_server_http_responses_total{proxy="be"}
                servers: {web-1: s1}
                """, LoadBalancer.class);
        assertThat(prometheus.health()).isEqualTo("haproxy_server_status{proxy=\"be\",state=\"UP\"}");

        LoadBalancer traefik = ChaosJson.experimentsYaml().readValue("""
                type: traefik
                url: http://127.0.0.1:8080/api/http/services/web@docker
                backend: web@docker
                servers: {web-1: "http://172.18.0.3:80"}
                """, LoadBalancer.class);
        assertThat(traefik.serverLabel()).isEqualTo("url");

        LoadBalancer envoy = new LoadBalancer(null, "web", SERVERS, "envoy", "http://127.0.0.1:9901/clusters", null,
                null, null, null);
        assertThat(envoy.type()).isEqualTo("envoy");
    }

    @Test
    void anUnknownTypeNamesTheKnownOnes() {
        assertThatThrownBy(() -> new LoadBalancer(null, "be", SERVERS, "f5", "http://127.0.0.1:1/", null, null, null,
                null)).hasMessageContaining("type: must be one of haproxy, envoy, traefik, prometheus, was 'f5'");
    }

    @Test
    void nginxIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new LoadBalancer(null, "be", SERVERS, "nginx", "http://127.0.0.1:1/", null, null,
                null, null)).hasMessageContaining("open-source nginx exposes no per-upstream health");
    }

    @Test
    void eachTypeSaysWhatItLacks() {
        assertThat(violations(new Spec(null, "be", "haproxy", null, null, null, null, null)))
                .containsEntry("statsUrl", "is required for haproxy: the stats CSV, e.g. http://127.0.0.1:8404/stats;csv");
        assertThat(violations(new Spec(null, null, "envoy", null, null, null, null, null)))
                .containsKeys("url", "backend");
        assertThat(violations(new Spec(null, "web@docker", "traefik", "http://127.0.0.1:1/api/http/services",
                "http://127.0.0.1:1/metrics", null, null, null)))
                .containsEntry("metricsUrl", "and requests go together for traefik: the Prometheus endpoint and its"
                        + " per-server request counter");
        assertThat(violations(new Spec(null, null, "prometheus", "http://127.0.0.1:1/metrics", null, null, null,
                null))).containsKeys("health", "serverLabel");
        assertThat(violations(new Spec(null, null, "prometheus", "http://127.0.0.1:1/metrics", null,
                "not a selector{", "server", null))).containsKey("health");
        assertThat(violations(new Spec(null, "be", "prometheus", "http://127.0.0.1:1/metrics", null, "up", "server",
                "rq{"))).containsKeys("backend", "requests");
        assertThat(violations(new Spec("http://127.0.0.1:1/stats;csv", "be", "haproxy", null, null, "up", null,
                null))).containsEntry("health", "is only for type prometheus");
        assertThat(violations(new Spec(null, "c", "envoy", "ftp://x", null, null, null, null)))
                .containsEntry("url", "must be an absolute http:// URL");
    }

    @Test
    void serversAreRequiredForEveryType() {
        assertThatThrownBy(() -> new LoadBalancer("http://127.0.0.1:1/stats;csv", "be", Map.of()))
                .hasMessageContaining("servers: must map at least one target container to its server");
    }

    private record Spec(String statsUrl, String backend, String type, String url, String metricsUrl, String health,
            String serverLabel, String requests) {
    }

    private static Map<String, String> violations(Spec s) {
        try {
            new LoadBalancer(s.statsUrl(), s.backend(), SERVERS, s.type(), s.url(), s.metricsUrl(), s.health(),
                    s.serverLabel(), s.requests());
        } catch (InvalidValueException e) {
            return e.violations().stream().collect(java.util.stream.Collectors.toMap(Violation::field,
                    Violation::message, (a, b) -> a + "; " + b));
        }
        throw new AssertionError("accepted " + s);
    }
}
