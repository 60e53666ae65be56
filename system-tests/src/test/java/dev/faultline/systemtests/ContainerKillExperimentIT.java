package dev.faultline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.testsupport.TestContainers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The whole loop on real components: REST → Kafka → agent → a real container killed on the real Docker engine →
 * observer timeline → verdict → the run read back from the DynamoDB API, and the reports on disk. The measured
 * recovery is checked against the Docker engine's own account of the restart.
 */
class ContainerKillExperimentIT {

    static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
    /** Scheduling of probe ticks and of the engine's event stamping on a shared 2-core machine. */
    static final Duration TIMING_SLACK = Duration.ofMillis(50);

    @RegisterExtension
    static final SystemTestStack system = SystemTestStack.create();

    @Test
    void containerKillIsMeasuredAgainstDockersOwnRestartWindow() throws Exception {
        FaultlineStack stack = system.stack();
        TestContainers.Started target = system.announcedDemoTarget("faultline-e2e-target", Map.of("app", "e2e"));

        try (DockerEventRecorder docker = new DockerEventRecorder(system.containers().docker(), target.id())) {
            String experiment = Experiments.containerKill("e2e-container-kill", "target-health",
                    target.url("/health"), PROBE_INTERVAL, target.name());
            String runId = stack.startRun(experiment);

            JsonNode run = stack.awaitCompleted(runId, Duration.ofSeconds(60));
            JsonNode verdict = run.get("verdict");
            assertThat(verdict.get("verdict").asText()).as(verdict.toString()).isEqualTo("PASS");
            JsonNode timeline = verdict.get("timelines").get(0);
            Instant injectedAt = Instant.parse(timeline.get("injectedAt").asText());
            Instant detectedAt = Instant.parse(timeline.get("detectedAt").asText());
            Instant recoveredAt = Instant.parse(timeline.get("recoveredAt").asText());
            long measuredRecoveryMs = timeline.get("timeToRecoverMillis").asLong();
            assertThat(measuredRecoveryMs).isEqualTo(Duration.between(injectedAt, recoveredAt).toMillis());

            // Docker's own account: the main process died, and the restart policy started the container again.
            Instant died = docker.first("die", injectedAt.minusSeconds(2)).orElseThrow(
                    () -> new AssertionError("no die event from Docker: " + docker.events()));
            Instant restarted = docker.first("start", died).orElseThrow(
                    () -> new AssertionError("no start event after the kill: " + docker.events()));
            long dockerRecoveryMs = Duration.between(injectedAt, restarted).toMillis();

            long tolerance = PROBE_INTERVAL.plus(TIMING_SLACK).toMillis();
            assertThat(Math.abs(measuredRecoveryMs - dockerRecoveryMs))
                    .as("measured recovery %d ms vs Docker's restart at %d ms after injection (die %s, start %s)",
                            measuredRecoveryMs, dockerRecoveryMs, died, restarted)
                    .isLessThanOrEqualTo(tolerance);
            assertThat(Duration.between(injectedAt, detectedAt).toMillis())
                    .as("time to detect is at most one probe interval").isLessThanOrEqualTo(tolerance);
            assertThat(Math.abs(Duration.between(injectedAt, died).toMillis()))
                    .as("the agent's injection instant matches Docker's die event").isLessThanOrEqualTo(tolerance);

            assertRunStoredInDynamoDb(runId);
            assertReportsWritten(runId);
        }
    }

    private void assertRunStoredInDynamoDb(String runId) throws InterruptedException {
        FaultlineStack stack = system.stack();
        String runsTable = stack.tablePrefix + "runs";
        try (DynamoDbClient dynamo = FaultlineStack.dynamoDb()) {
            GetItemResponse item = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                item = dynamo.getItem(r -> r.tableName(runsTable).consistentRead(true)
                        .key(Map.of("runId", AttributeValue.fromS(runId))));
                if (item.hasItem() && "COMPLETED".equals(item.item().get("state").s())) {
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(item.hasItem()).as("run item in " + runsTable).isTrue();
            assertThat(item.item().get("state").s()).isEqualTo("COMPLETED");
            assertThat(item.item().get("verdict").s()).isEqualTo("PASS");
            var events = dynamo.query(QueryRequest.builder().tableName(stack.tablePrefix + "run-events")
                    .keyConditionExpression("runId = :r")
                    .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(runId))).build());
            assertThat(events.items()).extracting(i -> i.get("type").s())
                    .contains("run-started", "fault-injected", "run-finished");
        }
    }

    private void assertReportsWritten(String runId) throws Exception {
        String markdown = system.stack().awaitReports(runId);
        assertThat(markdown).contains("PASS").contains(runId);
        assertThat(system.stack().reportDir.resolve(runId).resolve("report.json")).exists();
    }
}
