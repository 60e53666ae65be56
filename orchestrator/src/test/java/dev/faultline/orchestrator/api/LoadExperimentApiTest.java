package dev.faultline.orchestrator.api;

import static dev.faultline.orchestrator.testing.TestSecurity.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.orchestrator.testing.SentMessages;
import dev.faultline.orchestrator.testing.TestSecurity;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The load test runs on the observer's host: the orchestrator (which has no Artillery in tests) neither checks nor
 * starts it, and hands the whole {@code load:} section to the observer in RunStarted.
 */
@QuarkusTest
@io.quarkus.test.common.QuarkusTestResource(TestSecurity.class)
class LoadExperimentApiTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void aRunWithLoadStartsWithoutArtilleryHereAndRunStartedCarriesTheLoadSection() {
        String name = "load-" + UUID.randomUUID().toString().substring(0, 8);
        connector.source("events-in").send(ChaosJson.write(AgentHeartbeat.of("agent-" + name, "host-l",
                Duration.ofSeconds(30), List.of(new ContainerInfo("cid-" + name, name, "img", "running",
                        Map.of("faultline.enabled", "true"))), Instant.now())));
        connector.<String>sink("events-out").clear();
        String experiment = RunResourceTest.EXPERIMENT.replace("CONTAINER", name)
                + "load: {url: 'http://127.0.0.1:9/x', arrivalRate: 5}\n";

        asOperator().contentType(RunResourceTest.YAML).body(experiment)
                .when().post("/api/v1/runs?dryRun=true")
                .then().statusCode(200);
        String runId = asOperator().contentType(RunResourceTest.YAML).body(experiment)
                .when().post("/api/v1/runs")
                .then().statusCode(201)
                .extract().path("runId");

        RunStarted started = awaitRunStarted(runId);
        assertThat(started.experiment().load().url()).isEqualTo("http://127.0.0.1:9/x");
        assertThat(started.experiment().load().arrivalRate()).isEqualTo(5);
    }

    private RunStarted awaitRunStarted(String runId) {
        return await("RunStarted of " + runId).atMost(Duration.ofSeconds(10))
                .until(() -> SentMessages.read(connector, "events-out", ChaosEvent.class).stream()
                        .filter(e -> e instanceof RunStarted s && runId.equals(s.runId()))
                        .map(RunStarted.class::cast).findFirst(), Optional::isPresent)
                .get();
    }
}
