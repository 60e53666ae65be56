package dev.faultline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.systemtests.FaultlineStack.Service;
import dev.faultline.testsupport.TestContainers;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faultline's own metrics end to end: during a run, each of the four real services shows its series on /q/metrics
 * (no token), and a real Prometheus (Debian's package), configured from deploy/monitoring/prometheus.yml.in with
 * deploy/monitoring/rules.yml, scrapes them all. Also runs deploy/monitoring.sh check (promtool on the rules, their
 * unit tests and the configuration; the dashboard's metric names against docs/metrics.md).
 */
class MonitoringIT {

    private static final Duration PROMETHEUS_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final SystemTestStack system = SystemTestStack.create();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void promtoolAcceptsTheRulesTheirTestsAndTheConfiguration() throws Exception {
        Path root = FaultlineStack.repositoryRoot();
        Path log = Files.createTempFile("monitoring-check", ".log");
        Process check = new ProcessBuilder(root.resolve("deploy/monitoring.sh").toString(), "check")
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).as("deploy/monitoring.sh check within 60 s").isTrue();
        assertThat(check.exitValue()).as("deploy/monitoring.sh check (promtool comes with Debian's prometheus"
                + " package: deploy/prerequisites.sh):%n%s", Files.readString(log)).isZero();
    }

    @Test
    void everyServiceShowsItsMetricsDuringARunAndARealPrometheusScrapesThem() throws Exception {
        FaultlineStack stack = system.stack();
        TestContainers.Started target = system.announcedDemoTarget("faultline-e2e-metrics", Map.of("app", "e2e"));
        int prometheusPort = TestContainers.freePort();
        Process prometheus = startPrometheus(stack, prometheusPort);
        try {
            String runId = stack.startRun(pauseExperiment(target));
            // While the run goes on: the pause is in effect on the agent, the run is running, its probe is probed.
            Await.until("the pause in effect on the agent's /q/metrics", Duration.ofSeconds(20), () -> metrics(stack,
                    Service.INJECTOR_AGENT).contains("faultline_agent_active_faults{agent=\"" + stack.agentId
                    + "\",type=\"container-pause\"} 1.0"));
            assertThat(metrics(stack, Service.ORCHESTRATOR)).contains("faultline_runs{state=\"running\"} 1.0")
                    .contains("faultline_agent_heartbeat_age_seconds{agent=\"" + stack.agentId + "\"}");
            assertThat(metrics(stack, Service.OBSERVER)).contains("faultline_observer_runs_active 1.0")
                    .contains("faultline_probe_latency_seconds_count{probe=\"target-health\"}");

            stack.awaitCompleted(runId, Duration.ofSeconds(60));
            stack.awaitReports(runId);
            assertThat(metrics(stack, Service.INJECTOR_AGENT))
                    .contains("faultline_fault_injection_delay_seconds_count{agent=\"" + stack.agentId
                            + "\",type=\"container-pause\"} 1")
                    .contains("faultline_fault_revert_delay_seconds_count{agent=\"" + stack.agentId
                            + "\",type=\"container-pause\"} 1");
            assertThat(metrics(stack, Service.REPORTER)).contains("faultline_reporter_report_writes_total{outcome=\"written\"} 1.0");

            // Prometheus, scraping every second, sees all four services up and one series of each.
            String prometheusUrl = "http://127.0.0.1:" + prometheusPort;
            Await.until("Prometheus scraping the four services", PROMETHEUS_TIMEOUT,
                    () -> values(prometheusUrl, "up{job=~\"faultline-.*\"} == 1").size() == 4);
            for (String series : List.of("faultline_runs_completed_total",
                    "faultline_fault_revert_duration_seconds_count{cause=\"duration-ended\"}",
                    "faultline_observer_verdicts_total", "faultline_reporter_runs_stored_total")) {
                Await.until("Prometheus has " + series, PROMETHEUS_TIMEOUT,
                        () -> values(prometheusUrl, series).stream().anyMatch(v -> v >= 1));
            }
            assertThat(values(prometheusUrl, "up{job=\"shop-haproxy\"}")).as("the shop is not running here: down")
                    .containsExactly(0.0);
            JsonNode rules = json(prometheusUrl + "/api/v1/rules");
            List<String> health = new ArrayList<>();
            rules.at("/data/groups").forEach(g -> g.get("rules").forEach(r -> health.add(r.get("name").asText()
                    + "=" + r.get("health").asText())));
            assertThat(health).as("every rule loaded and evaluated").hasSize(7).allMatch(h -> h.endsWith("=ok"));
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    /** A lasting fault with its own duration: active while the run goes on, reverted on time by the agent. */
    private static String pauseExperiment(TestContainers.Started target) {
        return Experiments.OneFault.on("e2e-metrics-pause", target.url("/health"), target.name()).timing("6s", "2s")
                .withFault("""
                        fault:
                          type: container-pause
                        duration: 3s
                        """).minAvailability(10).yaml();
    }

    /** Prometheus from the repository's template, with this stack's ports and a scrape every second. */
    private static Process startPrometheus(FaultlineStack stack, int port) throws Exception {
        Path root = FaultlineStack.repositoryRoot();
        Path dir = Files.createDirectories(stack.logDir.resolve("prometheus"));
        int closed = TestContainers.freePort(); // the shop's targets: nothing listens there
        String config = Files.readString(root.resolve("deploy/monitoring/prometheus.yml.in"))
                .replace("@SCRAPE_INTERVAL@", "1s")
                .replace("@RULES_FILE@", root.resolve("deploy/monitoring/rules.yml").toString())
                .replace("@ORCHESTRATOR@", hostPort(stack, Service.ORCHESTRATOR))
                .replace("@INJECTOR_AGENT@", hostPort(stack, Service.INJECTOR_AGENT))
                .replace("@OBSERVER@", hostPort(stack, Service.OBSERVER))
                .replace("@REPORTER@", hostPort(stack, Service.REPORTER))
                .replace("@SHOP_HAPROXY@", "127.0.0.1:" + closed)
                .replace("@SHOP_CHECKOUT@", "127.0.0.1:" + closed);
        assertThat(config).as("every placeholder of the template replaced").doesNotContainPattern("@[A-Z_]+@");
        Path configFile = Files.writeString(dir.resolve("prometheus.yml"), config);
        File log = dir.resolve("prometheus.log").toFile();
        Process process;
        try {
            process = new ProcessBuilder("prometheus", "--config.file=" + configFile,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(log).start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start prometheus (Debian's prometheus package:"
                    + " deploy/prerequisites.sh): " + e.getMessage(), e);
        }
        HttpClient client = HttpClient.newHttpClient();
        Await.until("Prometheus ready on 127.0.0.1:" + port + " (log " + log + ")", PROMETHEUS_TIMEOUT, () -> {
            try {
                return process.isAlive() && client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        return process;
    }

    private static String hostPort(FaultlineStack stack, Service service) {
        URI url = stack.url(service, "/");
        return url.getHost() + ":" + url.getPort();
    }

    /** /q/metrics of a service, fetched without a token (the stack's own client sends one). */
    private String metrics(FaultlineStack stack, Service service) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(stack.url(service, "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("%s /q/metrics without a token", service).isEqualTo(200);
            return answer.body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The values of an instant query, one per series. */
    private List<Double> values(String prometheusUrl, String query) {
        JsonNode answer = json(prometheusUrl + "/api/v1/query?query=" + URLEncoder.encode(query,
                StandardCharsets.UTF_8));
        List<Double> values = new ArrayList<>();
        answer.at("/data/result").forEach(r -> values.add(r.get("value").get(1).asDouble()));
        return values;
    }

    private JsonNode json(String url) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("%s: %s", url, answer.body()).isEqualTo(200);
            return ChaosJson.messages().readTree(answer.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
