package dev.faultline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.systemtests.FaultlineStack.Service;
import dev.faultline.testsupport.TestContainers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load test needs no directory shared between services: orchestrator and observer run in working directories
 * of their own with no common path, as on two hosts. A run with a {@code load:} section gets its load figures in the
 * verdict (the observer ran Artillery and read its results where it runs), and nothing of the load test is written
 * under the orchestrator's directory.
 */
class LoadOnObserverHostIT {

    /** Artillery sends its first request 10-20 s after its start on a busy 2-core machine: the warm-up covers that. */
    static final Duration WARMUP = Duration.ofSeconds(20);

    /** What a load test leaves in its run directory (LoadTestLauncher, LoadResultsFile, AcknowledgedWritesFile). */
    static final List<String> LOAD_FILES = List.of("responses.csv", "writes.jsonl", "artillery.log",
            "artillery-report.json", "artillery.pid", "load.json");

    static TestContainers containers;
    static FaultlineStack stack;

    @BeforeAll
    static void startEverything() throws Exception {
        Path artillery = FaultlineStack.artillery();
        if (!Files.isExecutable(artillery)) {
            throw new IllegalStateException("no Artillery at " + artillery + ": install it with ./faultline artillery");
        }
        containers = new TestContainers();
        stack = FaultlineStack.started(Path.of("target", "e2e"));
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
        if (containers != null) {
            containers.close();
        }
    }

    @Test
    void theObserverRunsTheLoadTestAndReadsItsResultsWhereItRuns() throws Exception {
        Path orchestratorDir = stack.workingDir(Service.ORCHESTRATOR);
        Path observerDir = stack.workingDir(Service.OBSERVER);
        assertThat(orchestratorDir.startsWith(observerDir) || observerDir.startsWith(orchestratorDir))
                .as("no common path: %s, %s", orchestratorDir, observerDir).isFalse();

        TestContainers.Started target = containers.startDemoTarget("faultline-e2e-load", Map.of("app", "e2e-load"));
        stack.awaitTarget(target.name(), Duration.ofSeconds(60));
        String experiment = """
                name: e2e-load-on-observer-host
                duration: 10s
                steadyState:
                  warmup: %ds
                  probes:
                    - name: target-health
                      url: %s
                      interval: 250ms
                      timeout: 1s
                faults:
                  - target:
                      selector: {name: %s}
                    fault:
                      type: container-kill
                      signal: SIGKILL
                slos:
                  maxRecoveryTime: 30s
                  minAvailabilityPercent: 10
                load:
                  url: %s
                  arrivalRate: 10
                """.formatted(WARMUP.toSeconds(), target.url("/health"), target.name(), target.url("/health"));
        HttpResponse<String> created = stack.post(Service.ORCHESTRATOR, "/api/v1/runs", "application/yaml",
                experiment);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String runId = ChaosJson.messages().readTree(created.body()).get("runId").asText();

        JsonNode verdict = awaitVerdict(runId, Duration.ofSeconds(120));
        assertThat(verdict.get("findings").toString()).doesNotContain("load test could not start");
        JsonNode load = verdict.get("load");
        assertThat(load).as("the verdict's load summary: %s", verdict).isNotNull();
        assertThat(load.get("requests").asLong()).as("requests in the fault window: %s", load).isPositive();
        JsonNode route = load.get("routes").get(0);
        assertThat(route.get("route").asText()).isEqualTo("GET /health");
        assertThat(route.get("requests").asLong()).isPositive();
        assertThat(route.get("p50Millis").isNumber()).as("per-route latency: %s", route).isTrue();

        Path runDir = observerDir.resolve(".faultline/runs").resolve(runId);
        assertThat(runDir.resolve("responses.csv")).as("the plugin wrote under the observer's own directory")
                .isNotEmptyFile();
        try (Stream<Path> written = Files.walk(orchestratorDir)) {
            assertThat(written.filter(p -> LOAD_FILES.contains(p.getFileName().toString())
                    || p.getFileName().toString().equals(runId)).toList())
                    .as("nothing of the load test under the orchestrator's directory %s", orchestratorDir).isEmpty();
        }
    }

    /**
     * kill -9 of the observer leaves its Artillery running (a child outlives its parent); the restarted observer
     * stops it at its start, found by the pid file in its own directory.
     */
    @Test
    void theRestartedObserverStopsTheLoadTestItsPreviousProcessLeftRunning() throws Exception {
        TestContainers.Started target = containers.startDemoTarget("faultline-e2e-load", Map.of("app", "e2e-load"));
        stack.awaitTarget(target.name(), Duration.ofSeconds(60));
        String experiment = """
                name: e2e-load-left-running
                duration: 60s
                steadyState:
                  warmup: 5s
                  probes:
                    - name: target-health
                      url: %s
                      interval: 500ms
                faults:
                  - target:
                      selector: {name: %s}
                    fault:
                      type: container-kill
                      signal: SIGKILL
                load:
                  url: %s
                  arrivalRate: 2
                """.formatted(target.url("/health"), target.name(), target.url("/health"));
        HttpResponse<String> created = stack.post(Service.ORCHESTRATOR, "/api/v1/runs", "application/yaml",
                experiment);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String runId = ChaosJson.messages().readTree(created.body()).get("runId").asText();
        Path pidFile = stack.workingDir(Service.OBSERVER).resolve(".faultline/runs").resolve(runId)
                .resolve("artillery.pid");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(pidFile).as("the observer started the load test").exists();
        ProcessHandle artillery = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip().split(" ")[0]))
                .orElseThrow();

        stack.crash(Service.OBSERVER);
        assertThat(artillery.isAlive()).as("Artillery outlives the observer's kill -9").isTrue();
        stack.restart(Service.OBSERVER);

        assertThat(artillery.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS).isAlive())
                .as("the restarted observer stopped Artillery pid %d", artillery.pid()).isFalse();
        assertThat(Files.readString(stack.logDir.resolve("observer.log")))
                .contains("load test left running by the previous observer process stopped");
    }

    private static JsonNode awaitVerdict(String runId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = ChaosJson.messages().readTree(stack.get(Service.ORCHESTRATOR, "/api/v1/runs/" + runId).body());
            if (run.hasNonNull("verdict")) {
                assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("COMPLETED");
                return run.get("verdict");
            }
            Thread.sleep(500);
        }
        throw new AssertionError("run " + runId + " got no verdict within " + timeout + ": " + run);
    }
}
