package dev.faultline.observer.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.event.RunFinished;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.experiment.DataIntegrity;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.HttpReadBack;
import dev.faultline.common.experiment.LoadTest;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.experiment.SteadyState;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.observer.load.AcknowledgedWritesFile;
import dev.faultline.observer.load.LoadResultsFile;
import dev.faultline.observer.testing.PublishedVerdicts;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * From a run's events and its load results on disk (responses.csv and writes.jsonl, as the plugin writes them) to
 * the verdict: the observer reads the acknowledged writes back through the store's API after the run, and an
 * in-memory store that lost them on a restart fails the data-integrity check with its lost and changed ids.
 */
@QuarkusTest
class IntegrityFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TargetRef TARGET = new TargetRef("agent-1", "c0ffee", "items");

    @Inject
    @Any
    InMemoryConnector connector;

    @ConfigProperty(name = "faultline.load.results-dir")
    Path resultsDir;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer health;
    private InMemorySink<String> verdicts;

    @BeforeEach
    void start() throws IOException {
        health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        health.start();
        verdicts = connector.sink("verdicts");
        verdicts.clear();
    }

    @AfterEach
    void stop() {
        health.stop(0);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void writesLostInARestartFailTheVerdictWithTheirIds() throws Exception {
        CheckResult check;
        RunVerdict verdict;
        try (ItemStoreService store = ItemStoreService.inMemory()) {
            verdict = run(store);
            check = integrityCheck(verdict);
        }
        assertThat(verdict.integrity().missingInTable()).containsExactly("3");
        assertThat(verdict.integrity().changed()).containsExactly("1", "2");
        assertThat(check.status()).isEqualTo(SloStatus.FAIL);
        assertThat(verdict.findings()).anySatisfy(f -> assertThat(f).startsWith("data-integrity failed:")
                .contains("[1, 2]").doesNotContain("topic")); // the experiment names no topic
        // This test writes the plugin's files itself: the test profile has no Artillery, and the verdict says so.
        assertThat(verdict.findings()).anySatisfy(f -> assertThat(f)
                .startsWith("load test could not start: Artillery is not installed on the observer's host"));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void theSameStoreMadeDurablePassesTheCheck() throws Exception {
        RunVerdict verdict;
        try (ItemStoreService store = ItemStoreService.durable(dir.resolve("items.journal"))) {
            verdict = run(store);
        }
        assertThat(verdict.integrity().acknowledged()).isEqualTo(5);
        assertThat(verdict.integrity().rpoZero()).isTrue();
        assertThat(integrityCheck(verdict).status()).isEqualTo(SloStatus.PASS);
    }

    /** Three writes, a restart of the store, two more; then the run's events as the orchestrator sends them. */
    private RunVerdict run(ItemStoreService store) throws Exception {
        String runId = "run-integrity-" + UUID.randomUUID().toString().substring(0, 8);
        Path responses = LoadResultsFile.of(resultsDir, runId);
        Path writes = AcknowledgedWritesFile.of(resultsDir, runId);
        Files.createDirectories(responses.getParent());
        Instant now = Instant.now();
        connector.source("events").send(ChaosJson.write(RunStarted.of(runId, experiment(store), List.of(
                new PlannedFault("f1", TARGET, ContainerKill.sigkill())), now.plusMillis(600), now.plusSeconds(10),
                now)));
        for (int i = 1; i <= 5; i++) {
            if (i == 4) {
                store.restart();
            }
            ObjectNode sent = JSON.createObjectNode().put("sku", "sku-" + i).put("qty", i);
            JsonNode answer = post(store, sent);
            String id = answer.get("id").asText();
            Files.writeString(responses, System.currentTimeMillis() + ",201,3," + id + ",POST /items,\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ObjectNode line = JSON.createObjectNode().put("id", id);
            line.set("sent", sent);
            line.set("acknowledged", answer);
            Files.writeString(writes, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        Thread.sleep(700); // the steady state (600 ms) passes before the fault
        Instant injectedAt = Instant.now();
        connector.source("events").send(ChaosJson.write(
                FaultInjected.of(runId, "f1", "container-kill", TARGET, injectedAt, 3, injectedAt)));
        Thread.sleep(600); // the fault window, probed
        connector.source("events").send(ChaosJson.write(RunFinished.of(runId, Instant.now(), 1, 0, Instant.now())));
        return awaitVerdict(runId);
    }

    private Experiment experiment(ItemStoreService store) {
        HttpProbe probe = new HttpProbe("health", "http://127.0.0.1:" + health.getAddress().getPort() + "/health",
                200, Duration.ofMillis(200), Duration.ofMillis(500));
        return new Experiment("lose-items", "restart the item store", Duration.ofSeconds(5),
                new SteadyState(Duration.ofMillis(600), List.of(probe)),
                List.of(new FaultStep(new TargetSelection(new Selector("items", null), 1, null, null),
                        ContainerKill.sigkill())),
                new Slos(Duration.ofSeconds(3), 30.0),
                new LoadTest(null, store.url(), "POST", "{\"sku\":\"x\"}", 1, null, "id"), null, null,
                DataIntegrity.ofReadBack(new HttpReadBack(store.url() + "/{id}", 200), null, null));
    }

    private JsonNode post(ItemStoreService store, ObjectNode body) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(store.url()))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(201);
        return JSON.readTree(answer.body());
    }

    private static CheckResult integrityCheck(RunVerdict verdict) {
        return verdict.checks().stream().filter(c -> c.name().equals(IntegrityCheck.NAME)).findFirst().orElseThrow();
    }

    private RunVerdict awaitVerdict(String runId) {
        return PublishedVerdicts.awaitVerdict(verdicts, runId, Duration.ofSeconds(8));
    }
}
