package dev.faultline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.systemtests.FaultlineStack.Service;
import dev.faultline.testsupport.TestContainers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    static final SystemTestStack system = SystemTestStack.withArtillery();

    @Test
    void theObserverRunsTheLoadTestAndReadsItsResultsWhereItRuns() throws Exception {
        FaultlineStack stack = system.stack();
        Path orchestratorDir = stack.workingDir(Service.ORCHESTRATOR);
        Path observerDir = stack.workingDir(Service.OBSERVER);
        assertThat(orchestratorDir.startsWith(observerDir) || observerDir.startsWith(orchestratorDir))
                .as("no common path: %s, %s", orchestratorDir, observerDir).isFalse();

        TestContainers.Started target = system.announcedDemoTarget("faultline-e2e-load", Map.of("app", "e2e-load"));
        String experiment = Experiments.OneFault.on("e2e-load-on-observer-host", target.url("/health"), target.name())
                .timing("10s", WARMUP.toSeconds() + "s").minAvailability(10).with("""
                        load:
                          url: %s
                          arrivalRate: 10
                        """.formatted(target.url("/health"))).yaml();
        String runId = stack.startRun(experiment);

        JsonNode verdict = stack.awaitCompleted(runId, Duration.ofSeconds(120)).get("verdict");
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
        FaultlineStack stack = system.stack();
        TestContainers.Started target = system.announcedDemoTarget("faultline-e2e-load", Map.of("app", "e2e-load"));
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
        String runId = stack.startRun(experiment);
        Path pidFile = stack.workingDir(Service.OBSERVER).resolve(".faultline/runs").resolve(runId)
                .resolve("artillery.pid");
        Await.until("the observer started the load test (" + pidFile + ")", Duration.ofSeconds(30),
                () -> Files.exists(pidFile));
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
}
