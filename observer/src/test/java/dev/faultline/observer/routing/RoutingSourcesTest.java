package dev.faultline.observer.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.experiment.LoadBalancer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each load balancer's own output becomes the same {@link ServerState}s. Envoy and Traefik are not installable on
 * this build machine, so their fixtures are written here after the formats their documentation gives (named at each
 * fixture); HAProxy's are checked against a real HAProxy in {@code HaproxyRoutingIT}.
 */
class RoutingSourcesTest {

    static final Map<String, String> SERVERS = Map.of("web-1", "s1");

    /** HAProxy's stats CSV (management guide, "CSV format"): header with pxname, svname, stot, status. */
    static final String HAPROXY_CSV = """
            # pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status
            web,FRONTEND,,,0,1,262,9,0,0,0,0,0,,,,,OPEN
            be,s1,0,0,0,1,,5,0,0,,0,,0,0,0,0,DOWN
            be,s2,0,0,0,1,,4,0,0,,0,,0,0,0,0,UP 1/3
            be,BACKEND,0,0,0,1,26,9,0,0,0,0,,0,0,0,0,UP
            other,s1,0,0,0,1,,7,0,0,,0,,0,0,0,0,UP
            """;

    /**
     * Envoy's admin {@code GET /clusters} text form (docs: operations/admin, "/clusters"): one
     * {@code cluster::host::stat::value} line per host statistic, {@code health_flags} {@code healthy} or the failed
     * states (/failed_active_hc, /failed_outlier_check), cluster-wide lines for circuit breakers and outlier detection.
     */
    static final String ENVOY_CLUSTERS = """
            web::observability_name::web
            web::outlier::success_rate_average::-1
            web::default_priority::max_connections::1024
            web::default_priority::max_requests::1024
            web::added_via_api::false
            web::10.0.0.11:8080::cx_active::0
            web::10.0.0.11:8080::cx_total::12
            web::10.0.0.11:8080::rq_total::40
            web::10.0.0.11:8080::health_flags::healthy
            web::10.0.0.11:8080::weight::1
            web::10.0.0.12:8080::cx_total::9
            web::10.0.0.12:8080::rq_total::38
            web::10.0.0.12:8080::health_flags::/failed_active_hc/failed_outlier_check
            web::[::1]:8081::rq_total::3
            web::[::1]:8081::health_flags::healthy
            tcp::10.0.0.20:5432::cx_total::17
            tcp::10.0.0.20:5432::health_flags::healthy
            admin::10.0.0.30:9000::rq_total::99
            admin::10.0.0.30:9000::health_flags::healthy
            """;

    /**
     * Traefik's API {@code GET /api/http/services} (docs: operations/api, "Endpoints"): an array of services; each
     * has {@code name} ({@code name@provider}), {@code loadBalancer.servers[].url} and {@code serverStatus}, server URL
     * to UP or DOWN, filled by the health check.
     */
    static final String TRAEFIK_SERVICES = """
            [
              {"loadBalancer": {"servers": [{"url": "http://172.18.0.3:80"}, {"url": "http://172.18.0.4:80"}],
                                "passHostHeader": true,
                                "healthCheck": {"path": "/health", "interval": "1s", "timeout": "1s"}},
               "status": "enabled", "usedBy": ["web@docker"],
               "serverStatus": {"http://172.18.0.3:80": "DOWN", "http://172.18.0.4:80": "UP"},
               "name": "web@docker", "provider": "docker", "type": "loadbalancer"},
              {"loadBalancer": {"servers": [{"url": "http://172.18.0.9:80"}]}, "status": "enabled",
               "serverStatus": {"http://172.18.0.9:80": "UP"}, "name": "api@docker", "provider": "docker",
               "type": "loadbalancer"}
            ]
            """;

    /** Traefik's Prometheus metrics: the per-server gauge {@code traefik_service_server_up{service,url}}. */
    static final String TRAEFIK_METRICS = """
            # HELP traefik_service_server_up service server is up, described by gauge value of 0 or 1.
            # TYPE traefik_service_server_up gauge
            traefik_service_server_up{service="web@docker",url="http://172.18.0.3:80"} 0
            traefik_service_server_up{service="web@docker",url="http://172.18.0.4:80"} 1
            # TYPE traefik_service_requests_total counter
            traefik_service_requests_total{code="200",method="GET",protocol="http",service="web@docker"} 57
            # TYPE proxy_server_requests_total counter
            proxy_server_requests_total{service="web@docker",url="http://172.18.0.3:80",code="200"} 20
            proxy_server_requests_total{service="web@docker",url="http://172.18.0.3:80",code="502"} 2
            proxy_server_requests_total{service="web@docker",url="http://172.18.0.4:80",code="200"} 35
            """;

    /** With HAProxy's addr column (since 1.9): a server-template slot has no address until DNS gives it one. */
    @Test
    void haproxyReportsEachServersAddressWhenTheStatsHaveIt() {
        String csv = """
                # pxname,svname,stot,status,addr
                be,s1,5,UP,172.19.0.4:8080
                be,slot1,0,MAINT (resolution),
                be,BACKEND,5,UP,
                """;
        RoutingSource source = RoutingSource.of(new LoadBalancer("http://127.0.0.1:1/stats;csv", "be", SERVERS));

        assertThat(source.servers(List.of(csv))).containsOnly(
                Map.entry("s1", new ServerState(true, "UP", 5L, "172.19.0.4:8080")),
                Map.entry("slot1", new ServerState(false, "MAINT (resolution)", 0L, null)));
    }

    @Test
    void haproxyKeepsTheBackendsServersWithSessionsAsRequests() {
        RoutingSource source = RoutingSource.of(new LoadBalancer("http://127.0.0.1:1/stats;csv", "be", SERVERS));

        assertThat(source.urls()).containsExactly("http://127.0.0.1:1/stats;csv");
        assertThat(source.servers(List.of(HAPROXY_CSV))).containsOnly(
                Map.entry("s1", new ServerState(false, "DOWN", 5L)),
                Map.entry("s2", new ServerState(true, "UP 1/3", 4L)));
        assertThatThrownBy(() -> source.servers(List.of("<html>")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no header line");
    }

    @Test
    void envoyReadsHealthFlagsAndRequestsPerHostOfOneCluster() {
        RoutingSource web = RoutingSource.of(new LoadBalancer(null, "web", SERVERS, "envoy",
                "http://127.0.0.1:9901/clusters", null, null, null, null));

        assertThat(web.servers(List.of(ENVOY_CLUSTERS))).containsOnly(
                Map.entry("10.0.0.11:8080", new ServerState(true, "healthy", 40L)),
                Map.entry("10.0.0.12:8080", new ServerState(false, "/failed_active_hc/failed_outlier_check", 38L)),
                Map.entry("[::1]:8081", new ServerState(true, "healthy", 3L)));
    }

    @Test
    void envoyCountsConnectionsWhereAClusterHasNoRequests() {
        assertThat(EnvoyClusters.servers(ENVOY_CLUSTERS, "tcp"))
                .containsOnly(Map.entry("10.0.0.20:5432", new ServerState(true, "healthy", 17L)));
        assertThatThrownBy(() -> EnvoyClusters.servers("{\"cluster_statuses\": []}", "web"))
                .hasMessageContaining("text form");
    }

    @Test
    void traefikReadsServerStatusOfTheNamedService() {
        RoutingSource source = RoutingSource.of(new LoadBalancer(null, "web@docker", SERVERS, "traefik",
                "http://127.0.0.1:8080/api/http/services", null, null, null, null));

        assertThat(source.urls()).containsExactly("http://127.0.0.1:8080/api/http/services");
        assertThat(source.servers(List.of(TRAEFIK_SERVICES))).containsOnly(
                Map.entry("http://172.18.0.3:80", new ServerState(false, "DOWN", null)),
                Map.entry("http://172.18.0.4:80", new ServerState(true, "UP", null)));
    }

    @Test
    void traefikAlsoReadsOneServiceAndTakesRequestsFromItsMetrics() {
        String one = """
                {"serverStatus": {"http://172.18.0.9:80": "UP"}, "name": "api@docker", "provider": "docker"}
                """;
        RoutingSource source = RoutingSource.of(new LoadBalancer(null, "web@docker", SERVERS, "traefik",
                "http://127.0.0.1:8080/api/http/services/web@docker", "http://127.0.0.1:8082/metrics", null, null,
                "proxy_server_requests_total{service=\"web@docker\"}"));

        assertThat(source.urls()).hasSize(2);
        assertThat(source.servers(List.of(TRAEFIK_SERVICES, TRAEFIK_METRICS))).containsOnly(
                Map.entry("http://172.18.0.3:80", new ServerState(false, "DOWN", 22L)),
                Map.entry("http://172.18.0.4:80", new ServerState(true, "UP", 35L)));
        // Another service's answer holds none of this one's servers.
        assertThat(source.servers(List.of(one, TRAEFIK_METRICS))).isEmpty();
        assertThatThrownBy(() -> source.servers(List.of("not json", TRAEFIK_METRICS)))
                .hasMessageContaining("not JSON");
    }

    @Test
    void prometheusReadsAHealthGaugeAndSumsTheRequestCounterPerServer() {
        String haproxyExporter = """
                haproxy_server_status{proxy="be",server="s1",state="DOWN"} 1
                haproxy_server_status{proxy="be",server="s1",state="UP"} 0
                haproxy_server_status{proxy="be",server="s2",state="DOWN"} 0
                haproxy_server_status{proxy="be",server="s2",state="UP"} 1
                haproxy_server_status{proxy="other",server="s3",state="UP"} 1
                haproxy_server_http_responses_total{proxy="be",server="s1",code="2xx"} 10
                haproxy_server_http_responses_total{proxy="be",server="s1",code="5xx"} 2
                haproxy_server_http_responses_total{proxy="be",server="s2",code="2xx"} 30
                """;
        RoutingSource source = RoutingSource.of(new LoadBalancer(null, null, SERVERS, "prometheus",
                "http://127.0.0.1:8404/metrics", null, "haproxy_server_status{proxy=\"be\",state=\"UP\"}", "server",
                "haproxy_server_http_responses_total{proxy=\"be\"}"));

        Map<String, ServerState> servers = source.servers(List.of(haproxyExporter));

        assertThat(servers).containsOnlyKeys("s1", "s2");
        assertThat(servers.get("s1")).isEqualTo(new ServerState(false,
                "haproxy_server_status{proxy=\"be\",state=\"UP\"} = 0", 12L));
        assertThat(servers.get("s2").healthy()).isTrue();
        assertThat(servers.get("s2").requestsTotal()).isEqualTo(30L);
    }

    @Test
    void prometheusWithoutARequestCounterHasHealthOnly() {
        RoutingSource source = RoutingSource.of(new LoadBalancer(null, null, SERVERS, "prometheus",
                "http://127.0.0.1:9090/metrics", null, "backend_up", "instance", null));

        assertThat(source.servers(List.of("backend_up{instance=\"a\"} 1\nbackend_up{instance=\"b\"} 0\nbackend_up 1\n")))
                .containsOnly(Map.entry("a", new ServerState(true, "backend_up = 1", null)),
                        Map.entry("b", new ServerState(false, "backend_up = 0", null)));
    }
}
