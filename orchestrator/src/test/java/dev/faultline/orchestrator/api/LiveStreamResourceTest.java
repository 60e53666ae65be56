package dev.faultline.orchestrator.api;

import static dev.faultline.orchestrator.testing.TestSecurity.as;
import static dev.faultline.orchestrator.testing.TestSecurity.asOperator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.orchestrator.testing.AnnouncedTargets;
import dev.faultline.orchestrator.testing.TestSecurity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live page's event stream (GET /api/v1/stream) and the page itself (/ui). */
@QuarkusTest
@QuarkusTestResource(TestSecurity.class)
class LiveStreamResourceTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @TestHTTPResource("/api/v1/stream")
    URI stream;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theStreamSendsASnapshotASecondWithTheActiveRun() throws Exception {
        String container = AnnouncedTargets.announceTarget(connector);
        String experiment = RunResourceTest.EXPERIMENT.replace("CONTAINER", container).replace("duration: 1s",
                "duration: 30s");
        String runId = asOperator().contentType(RunResourceTest.YAML).body(experiment).post("/api/v1/runs")
                .then().statusCode(201).extract().path("runId");

        List<JsonNode> events = snapshots(3);

        // About one a second.
        for (int i = 1; i < events.size(); i++) {
            Duration gap = Duration.between(Instant.parse(events.get(i - 1).get("at").asText()),
                    Instant.parse(events.get(i).get("at").asText()));
            assertThat(gap).as("time between snapshots %d and %d", i - 1, i)
                    .isBetween(Duration.ofMillis(700), Duration.ofMillis(1500));
        }
        JsonNode last = events.get(2);
        assertThat(last.get("reporterUrl").asText()).isEqualTo("http://127.0.0.1:18083");
        JsonNode run = null;
        for (JsonNode candidate : last.get("runs")) {
            if (candidate.get("runId").asText().equals(runId)) {
                run = candidate;
            }
        }
        assertThat(run).as("run %s in the snapshot %s", runId, last).isNotNull();
        assertThat(run.get("state").asText()).isEqualTo("RUNNING");
        assertThat(run.get("phase").asText()).isIn("warm-up", "faults", "observing");
        assertThat(run.get("plan")).hasSize(1);

        // Just ended, it stays in the feed a while, so that a watcher sees how it ended.
        asOperator().post("/api/v1/runs/" + runId + "/abort").then().statusCode(200);
        JsonNode after = snapshots(1).get(0);
        assertThat(after.get("runs").findValuesAsText("runId")).contains(runId);
        for (JsonNode candidate : after.get("runs")) {
            if (candidate.get("runId").asText().equals(runId)) {
                assertThat(candidate.get("phase").asText()).isEqualTo("aborted");
            }
        }
    }

    /** The first {@code count} events of a new stream, read as a viewer; then the connection is closed. */
    private List<JsonNode> snapshots(int count) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(stream)
                .header("Authorization", "Bearer " + TestSecurity.VIEWER).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<JsonNode> events = new ArrayList<>();
        try (InputStream body = response.body();
                BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while (events.size() < count && (line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    events.add(json.readTree(line.substring("data:".length()).strip()));
                }
            }
        } // closing the body closes the connection: the server cancels the ticks
        assertThat(events).hasSize(count);
        return events;
    }

    @Test
    void theStreamWantsAToken() {
        given().accept("text/event-stream").get("/api/v1/stream").then().statusCode(401)
                .body("error", containsString("bearer token"));
        as("not-a-token").accept("text/event-stream").get("/api/v1/stream").then().statusCode(401);
    }

    @Test
    void thePageIsServedWithoutATokenAndHoldsNoData() {
        given().redirects().follow(false).get("/ui").then().statusCode(302)
                .header("Location", containsString("/ui/"));
        String page = given().get("/ui/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .extract().asString();
        assertThat(page).contains("<title>Faultline live</title>", "id=\"token\"", "src=\"live.js\"");
        given().get("/ui/live.js").then().statusCode(200).body(containsString("/api/v1/stream"));
        given().get("/ui/live.css").then().statusCode(200);
    }
}
