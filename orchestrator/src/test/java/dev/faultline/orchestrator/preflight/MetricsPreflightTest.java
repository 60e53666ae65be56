package dev.faultline.orchestrator.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.validation.Violation;
import dev.faultline.common.experiment.ExperimentParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dry run's check of the metrics endpoints the observer will poll, against a real local HTTP server. */
class MetricsPreflightTest {

    private static final String EXPERIMENT = """
            name: gateway
            duration: 20s
            steadyState:
              probes:
                - name: orders
                  url: http://127.0.0.1:1/api/orders
            faults:
              - target:
                  selector:
                    labels: {app: stock}
                fault:
                  type: container-kill
            """;

    private final MetricsPreflight preflight = new MetricsPreflight();
    private final List<String> asked = new ArrayList<>();
    private HttpServer server;
    private String base;

    @BeforeEach
    void setUp() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            synchronized (asked) {
                asked.add(path);
            }
            byte[] body = "resilience4j_circuitbreaker_state{name=\"gw\",state=\"closed\"} 1\n"
                    .getBytes(StandardCharsets.UTF_8);
            switch (path) {
                case "/broken" -> exchange.sendResponseHeaders(503, -1);
                case "/empty" -> exchange.sendResponseHeaders(200, -1);
                default -> {
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private static Experiment experiment(String sections) {
        return new ExperimentParser().parse(EXPERIMENT + sections, ExperimentParser.Format.YAML);
    }

    @Test
    void endpointsThatAnswerWithSeriesPassAndEachIsAskedOnce() {
        Experiment e = experiment("""
                resilience:
                  metricsUrl: %1$s/metrics
                  metricsUrls: [%1$s/metrics, %1$s/gateway]
                  circuitBreakers:
                    - library: resilience4j
                      name: gw
                      metricsUrl: %1$s/gateway
                """.formatted(base));

        assertThat(preflight.problems(e)).isEmpty();
        assertThat(asked).containsExactly("/metrics", "/gateway");
    }

    @Test
    void everyLoadBalancerTypeHasItsOwnEndpointsAsked() {
        Experiment traefik = experiment("""
                loadBalancer:
                  type: traefik
                  url: %1$s/api/http/services/web@docker
                  backend: web@docker
                  metricsUrl: %1$s/broken
                  requests: my_requests_total
                  servers: {stock-1: "http://172.18.0.3:80"}
                """.formatted(base));
        Experiment generic = experiment("""
                loadBalancer:
                  type: prometheus
                  url: %1$s/metrics
                  health: haproxy_server_status{state="UP"}
                  serverLabel: server
                  servers: {stock-1: s1}
                """.formatted(base));

        assertThat(preflight.problems(traefik)).extracting(Violation::field).containsExactly("loadBalancer.metricsUrl");
        assertThat(preflight.problems(generic)).isEmpty();
        assertThat(asked).containsExactly("/api/http/services/web@docker", "/broken", "/metrics");
    }

    @Test
    void aFailingEmptyOrSilentEndpointIsNamedByItsField() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Experiment e = experiment("""
                resilience:
                  metricsUrl: %1$s/broken
                  circuitBreakers:
                    - library: resilience4j
                      name: gw
                      metricsUrl: %1$s/empty
                loadBalancer:
                  statsUrl: http://127.0.0.1:%2$d/stats;csv
                  backend: be
                  servers: {stock-1: s1}
                """.formatted(base, closed));

        assertThat(preflight.problems(e)).extracting(Violation::field, v -> v.message().replaceAll(" \\(.*", ""))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("resilience.metricsUrl",
                                "GET " + base + "/broken answered 503: the observer could read nothing there"),
                        org.assertj.core.groups.Tuple.tuple("resilience.circuitBreakers[0].metricsUrl",
                                "GET " + base + "/empty answered 200 with an empty body: no series to read"),
                        org.assertj.core.groups.Tuple.tuple("loadBalancer.statsUrl",
                                "GET http://127.0.0.1:" + closed + "/stats;csv got no answer from the orchestrator's"
                                        + " host"));
        assertThatThrownBy(() -> preflight.requireReachable(e)).isInstanceOf(PreflightFailedException.class)
                .hasMessageStartingWith("the experiment is valid but a metrics endpoint it reads does not answer: "
                        + "resilience.metricsUrl: GET " + base + "/broken answered 503");
    }

    @Test
    void anExperimentWithoutEndpointsHasNothingToCheck() {
        assertThat(preflight.problems(experiment(""))).isEmpty();
    }
}
