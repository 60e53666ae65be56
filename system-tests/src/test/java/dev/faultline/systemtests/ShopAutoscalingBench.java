package dev.faultline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.faultline.testsupport.TestContainers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Must-show of the autoscaling validation, driven by bench/autoscaling.sh on the real shop (examples/shop, started by
 * the script): examples/experiments/shop-autoscaling.yaml run twice through this stack's orchestrator, first with the
 * shop's autoscaler on, then with it suspended (the negative control). Before each run the shop is put back to its
 * two compose replicas. Each run's verdict and report are written to {@code -Dfaultline.bench.out}. With
 * {@code -Dfaultline.bench.scenario=NAME} it runs one of the other scenarios instead ({@link #SCENARIOS}). Not an IT: it
 * needs the shop and takes about 6 minutes, so only the bench runs it ({@code -Dit.test=ShopAutoscalingBench}).
 */
class ShopAutoscalingBench {

    static final String AUTOSCALER = "http://127.0.0.1:18120";
    static final String STATS = "http://127.0.0.1:18101/stats;csv";
    static final String VICTIM = "shop-product-1";

    @RegisterExtension
    static final SystemTestStack system = SystemTestStack.withArtillery();

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * The scenarios of issue 14 beyond the default pair ({@code -Dfaultline.bench.scenario=NAME}, bench/autoscaling.sh
     * --scenario NAME): each runs examples/experiments/shop-autoscaling-NAME.yaml once with the autoscaler on, its
     * CPU policy at the given target (percent of one core per replica; null: off, request rate only), and expects
     * the given verdict.
     */
    record Scenario(Integer cpuTargetPercent, String expectedVerdict) {
    }

    static final Map<String, Scenario> SCENARIOS = Map.of(
            "scale-up-under-failure", new Scenario(null, "PASS"),
            "scale-down", new Scenario(null, "PASS"),
            "resource-exhaustion", new Scenario(20, "PASS"),
            "cascade", new Scenario(25, "PASS"));

    @Test
    void theShopScalesOutWithItsAutoscalerAndFailsWithout() throws Exception {
        Path out = Path.of(System.getProperty("faultline.bench.out", "target/autoscaling"));
        Files.createDirectories(out);
        String scenario = System.getProperty("faultline.bench.scenario", "");
        if (!scenario.isEmpty()) {
            runScenario(scenario, out);
            return;
        }
        String experiment = experiment("shop-autoscaling.yaml");
        List<String> verdicts = new ArrayList<>();
        for (String variant : List.of("autoscaler", "suspended")) {
            resetShop(variant.equals("suspended"), null);
            verdicts.add(run(experiment, variant, out));
        }
        resume();
        assertThat(verdicts).as("autoscaler on, then suspended").containsExactly("PASS", "FAIL");
    }

    private void runScenario(String name, Path out) throws Exception {
        Scenario scenario = SCENARIOS.get(name);
        assertThat(scenario).as("scenario %s (known: %s)", name, SCENARIOS.keySet()).isNotNull();
        String experiment = experiment("shop-autoscaling-" + name + ".yaml");
        String verdict;
        try {
            resetShop(false, scenario.cpuTargetPercent());
            verdict = run(experiment, name, out);
        } finally {
            if (scenario.cpuTargetPercent() != null) {
                send("DELETE", "/policies/cpu"); // off again: the shop as the default run expects it
            }
        }
        assertThat(verdict).as("scenario %s", name).isEqualTo(scenario.expectedVerdict());
    }

    private static String experiment(String file) throws Exception {
        return Files.readString(FaultlineStack.repositoryRoot().resolve("examples/experiments/" + file))
                // the stack's observer runs in a directory of its own: the load script by its absolute path
                .replace("script: examples/", "script: " + FaultlineStack.repositoryRoot() + "/examples/");
    }

    /** One run of the experiment; its verdict, run and reports written as {@code out/<variant>-*}. */
    private String run(String experiment, String variant, Path out) throws Exception {
        FaultlineStack stack = system.stack();
        stack.awaitTarget(VICTIM, SystemTestStack.ANNOUNCE_TIMEOUT);
        String runId = stack.startRun(experiment);
        JsonNode run = stack.awaitCompleted(runId, Duration.ofSeconds(300));
        Files.writeString(out.resolve(variant + "-run.json"), run.toPrettyString());
        Files.writeString(out.resolve(variant + "-report.md"), stack.awaitReports(runId));
        Path html = stack.awaitHtmlReport(runId);
        Files.copy(html, out.resolve(variant + "-report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return run.get("verdict").get("verdict").asText();
    }

    /**
     * Back to the compose file's two replicas: scaling suspended, the autoscaler's replicas removed, a killed
     * replica started again, both UP in HAProxy; the CPU policy switched on when a target is given; then scaling
     * resumed unless this run is the negative control.
     */
    private void resetShop(boolean suspended, Integer cpuTargetPercent) throws Exception {
        post("/suspend");
        if (cpuTargetPercent != null) {
            post("/policies/cpu?target=" + cpuTargetPercent);
        }
        DockerClient docker = TestContainers.dockerClient();
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("faultline.scaled-by", "shop-autoscaler")).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).exec();
        }
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("faultline.service", "shop-product")).exec()) {
            if (!"running".equals(c.getState())) {
                docker.startContainerCmd(c.getId()).exec();
            }
        }
        Instant deadline = Instant.now().plusSeconds(120);
        while (!upProductServers().equals(java.util.Set.of("product-1", "product-2"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the shop's product backend did not come back to product-1 and product-2 UP"
                        + " only: " + upProductServers());
            }
            Thread.sleep(500);
        }
        // Docker's health check of a restarted product-1 (every 10 s) may lag HAProxy's (every 500 ms): the run must
        // start with both healthy, or it would count one replica short from its first instant.
        while (docker.listContainersCmd().withLabelFilter(Map.of("faultline.service", "shop-product")).exec().stream()
                .filter(c -> c.getStatus() != null && c.getStatus().contains("(healthy)")).count() < 2) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the shop's two product replicas are not both healthy in Docker");
            }
            Thread.sleep(500);
        }
        if (!suspended) {
            resume();
        }
    }

    private void resume() throws Exception {
        post("/resume");
    }

    /**
     * The product servers HAProxy has UP: back to the compose replicas only when it is exactly product-1 and
     * product-2 (a slot of a removed replica stays UP until its DNS record expires; a restarted product-1 must pass
     * its checks first).
     */
    private java.util.Set<String> upProductServers() throws Exception {
        String csv = http.send(HttpRequest.newBuilder(URI.create(STATS)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return csv.lines().map(l -> l.split(",", -1)).filter(f -> f.length > 17 && f[0].equals("product")
                && !f[1].equals("BACKEND") && !f[1].equals("FRONTEND") && f[17].startsWith("UP"))
                .map(f -> f[1]).collect(java.util.stream.Collectors.toSet());
    }

    private void post(String path) throws Exception {
        send("POST", path);
    }

    private void send(String method, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(AUTOSCALER + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
    }
}
