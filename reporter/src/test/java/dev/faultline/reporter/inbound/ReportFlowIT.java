package dev.faultline.reporter.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.reporter.OwnTables;
import dev.faultline.reporter.RunFixtures;
import dev.faultline.testsupport.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole reporter: messages in on its two channels (in memory, no broker), run and events in a real DynamoDB
 * API (dynalite, tables of this test's own), reports on disk.
 */
@QuarkusTest
@TestProfile(ReportFlowIT.OwnTablesAndReportDir.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportFlowIT {

    /** Generous: the build machine is shared, and a DynamoDB call may be retried once after a read timeout. */
    private static final Duration WAIT = Duration.ofSeconds(45);

    /** A table prefix and report directory of this run's own, so that runs on a shared dynalite never meet. */
    public static class OwnTablesAndReportDir implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String id = UUID.randomUUID().toString().substring(0, 8);
            return Map.of(
                    "faultline.dynamodb.endpoint", TestInfrastructure.requireDynamoDb().toString(),
                    "faultline.dynamodb.table-prefix", "it-flow-" + id + "-",
                    "faultline.report.dir", Path.of("target", "it-reports", id).toAbsolutePath().toString());
        }
    }

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "faultline.dynamodb.table-prefix")
    String tablePrefix;

    @ConfigProperty(name = "faultline.report.dir")
    Path reportDir;

    @AfterAll
    void dropTables() {
        OwnTables.drop(dynamo, tablePrefix);
    }

    @Test
    void aVerdictProducesTheReportsAndTheIndexAndCompletesTheRun() throws Exception {
        String run = "run-" + UUID.randomUUID();
        InMemorySource<String> events = connector.source("events");
        InMemorySource<String> verdicts = connector.source("verdicts");

        events.send(ChaosJson.write(RunFixtures.runStarted(run)));
        events.send("{\"type\":\"fault-injected\", this is not JSON");
        events.send(ChaosJson.write(AgentHeartbeat.of("agent-1", "host-1", Duration.ofSeconds(5), List.of(),
                RunFixtures.T0.plusSeconds(1))));
        events.send(ChaosJson.write(RunFixtures.faultInjected(run)));
        events.send(ChaosJson.write(RunFixtures.runFinished(run)));
        // Verdicts travel on another topic; wait until the events are in so the report is sure to list them.
        awaitRun(run, item -> "FINISHED".equals(text(item, "state")));
        verdicts.send(ChaosJson.write(RunFixtures.failedVerdict(run)));

        Map<String, AttributeValue> item = awaitRun(run, i -> "COMPLETED".equals(text(i, "state")));

        Path json = reportDir.resolve(run).resolve("report.json");
        Path md = reportDir.resolve(run).resolve("report.md");
        assertThat(text(item, "verdict")).isEqualTo("FAIL");
        assertThat(text(item, "reportJsonPath")).isEqualTo(json.toString());
        assertThat(text(item, "reportMarkdownPath")).isEqualTo(md.toString());
        assertThat(text(item, "experimentName")).isEqualTo("kill-web");
        assertThat(text(item, "finishedAt")).isEqualTo("2024-05-01T10:00:12Z");

        JsonNode report = ChaosJson.messages().readTree(Files.readString(json));
        assertThat(report.get("runId").asText()).isEqualTo(run);
        assertThat(report.get("verdict").get("verdict").asText()).isEqualTo("FAIL");
        assertThat(report.get("experiment").get("name").asText()).isEqualTo("kill-web");
        assertThat(StreamSupport.stream(report.get("events").spliterator(), false).map(e -> e.get("type").asText()))
                .containsExactly("run-started", "fault-injected", "run-finished");

        assertThat(reportDir.resolve(run).resolve("report.html")).content().contains("<svg")
                .contains("data-lane=\"web-health\"");
        assertThat(reportDir.resolve(run).resolve("report.junit.xml")).content().contains("<testsuite");
        // The index is rewritten after the run is marked COMPLETED (RunCompletion): it may come a moment later.
        await().atMost(WAIT).until(() -> Files.exists(reportDir.resolve("index.html")));
        assertThat(reportDir.resolve("index.html")).content().contains("data-run=\"" + run + "\"")
                .contains("href=\"" + run + "/report.html\"");

        String markdown = Files.readString(md);
        assertThat(markdown).startsWith("# Chaos run report: kill-web — FAIL")
                .contains("| Verdict | **FAIL** |")
                .contains("| web@agent-1 | web-health | 2024-05-01T10:00:02.000Z | 2024-05-01T10:00:02.250Z"
                        + " | 2024-05-01T10:00:03.234Z | not reported | 0.250 s | 1.234 s | 87.500 % | 5 / 40 | not recorded"
                        + " | 0.250 s |")
                .contains("| min-availability | 99.000 % | 87.500 % | **FAIL** |");

        int stored = dynamo.query(b -> b.tableName(tablePrefix + "run-events")
                .keyConditionExpression("runId = :r")
                .expressionAttributeValues(Map.of(":r", AttributeValue.builder().s(run).build()))
                .consistentRead(true)).count();
        assertThat(stored).as("run-started, fault-injected, run-finished; no heartbeat, no malformed record")
                .isEqualTo(3);

        // The reporter's own metrics on /q/metrics, served without the API's bearer token.
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("faultline_reporter_runs_stored_total\\{verdict=\"fail\"\\} [1-9]")
                .containsPattern("faultline_reporter_report_writes_total\\{outcome=\"written\"\\} [1-9]")
                .containsPattern("faultline_reporter_report_write_duration_seconds_bucket\\{le=\"1\\.0\"\\} [1-9]");
    }

    /** Polls the run item until it matches, for at most {@link #WAIT}. */
    private Map<String, AttributeValue> awaitRun(String run, Predicate<Map<String, AttributeValue>> done) {
        AtomicReference<Map<String, AttributeValue>> last = new AtomicReference<>(Map.of());
        try {
            return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tablePrefix + "runs")
                                .key(Map.of("runId", AttributeValue.builder().s(run).build()))
                                .consistentRead(true)).item();
                        last.set(item);
                        return item;
                    }, item -> item != null && done.test(item));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("run " + run + " did not reach the expected state within " + WAIT
                    + "; last item: " + last.get() + "\nconsumer threads:\n" + consumerThreads(), e);
        }
    }

    /** Where the consumers are when a run does not progress: stuck in a call, or idle because nothing arrived. */
    private static String consumerThreads() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("executor-thread") || thread.getName().startsWith("vert.x")) {
                dump.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                for (int i = 0; i < Math.min(stack.length, 25); i++) {
                    dump.append("    at ").append(stack[i]).append('\n');
                }
            }
        });
        return dump.toString();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
