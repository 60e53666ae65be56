package dev.faultline.reporter.store;

import dev.faultline.common.Message;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.run.RunState;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.dynamodb.DynamoDbClients;
import dev.faultline.reporter.RunFixtures;
import dev.faultline.testsupport.TestInfrastructure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import static dev.faultline.reporter.RunFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** RunStore and its tables against a real DynamoDB API (dynalite), in tables of their own that are dropped after. */
class DynamoRunStoreIT {

    private static final String PREFIX = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final List<String> CREATED = new ArrayList<>();

    private static DynamoDbClient client;
    private static RunStore store;

    @BeforeAll
    static void tables() {
        client = DynamoDbClients.build(Optional.of(TestInfrastructure.requireDynamoDb()), "us-east-1");
        RunTables tables = created(RunTables.withPrefix(PREFIX));
        tables.ensure(client);
        store = new RunStore(client, tables);
    }

    @AfterAll
    static void dropTables() {
        if (client == null) {
            return;
        }
        for (String table : CREATED) {
            try {
                client.deleteTable(b -> b.tableName(table));
            } catch (ResourceNotFoundException alreadyGone) {
                // nothing to clean up
            }
        }
        client.close();
    }

    @Test
    void createsAbsentTablesAndReusesPresentOnes() {
        RunTables tables = created(RunTables.withPrefix(PREFIX + "setup-"));
        assertThat(tableNames()).doesNotContain(tables.runs(), tables.runEvents());

        tables.ensure(client);

        TableDescription runs = client.describeTable(b -> b.tableName(tables.runs())).table();
        TableDescription events = client.describeTable(b -> b.tableName(tables.runEvents())).table();
        assertThat(runs.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(events.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(runs.keySchema()).containsExactly(key("runId", KeyType.HASH));
        assertThat(events.keySchema()).containsExactly(key("runId", KeyType.HASH), key("eventKey", KeyType.RANGE));

        client.putItem(b -> b.tableName(tables.runs()).item(Map.of("runId", s("kept"))));
        tables.ensure(client);

        assertThat(client.getItem(b -> b.tableName(tables.runs()).key(Map.of("runId", s("kept")))).item())
                .containsEntry("runId", s("kept"));
    }

    @Test
    void theSameEventWrittenTwiceIsOneItem() throws Exception {
        String run = newRunId();
        ChaosEvent injected = RunFixtures.faultInjected(run);

        assertThat(store.record(injected)).isTrue();
        assertThat(store.record(injected)).isFalse();

        List<Map<String, AttributeValue>> items = client.query(b -> b
                .tableName(PREFIX + "run-events")
                .keyConditionExpression("runId = :r")
                .expressionAttributeValues(Map.of(":r", s(run)))).items();
        assertThat(items).hasSize(1);
        Map<String, AttributeValue> item = items.get(0);
        assertThat(item.get("messageId").s()).isEqualTo(run + "-injected");
        assertThat(item.get("type").s()).isEqualTo("fault-injected");
        assertThat(item.get("timestamp").s()).isEqualTo("2024-05-01T10:00:02.010Z");
        assertThat(item.get("eventKey").s()).isEqualTo("2024-05-01T10:00:02.010000000Z#" + run + "-injected");
        assertThat(ChaosJson.messages().readTree(item.get("json").s()).get("faultId").asText()).isEqualTo("f-1");
    }

    @Test
    void startedFinishedVerdictLeavesACompletedRunWithTheVerdict() throws Exception {
        String run = newRunId();
        RunVerdict verdict = RunFixtures.failedVerdict(run);

        store.record(RunFixtures.runStarted(run));
        assertThat(getRun(run).get("state").s()).isEqualTo("RUNNING");
        store.record(RunFixtures.runFinished(run));
        assertThat(getRun(run).get("state").s()).isEqualTo("FINISHED");
        store.complete(verdict, Path.of("/reports/" + run + "/report.json"), Path.of("/reports/" + run + "/report.md"),
                Instant.parse("2024-05-01T10:00:13Z"));
        store.record(RunFixtures.runFinished(run)); // a redelivery after completion must not move the run back

        Map<String, AttributeValue> item = getRun(run);
        assertThat(item.get("state").s()).isEqualTo("COMPLETED");
        assertThat(item.get("verdict").s()).isEqualTo("FAIL");
        assertThat(ChaosJson.read(item.get("verdictJson").s(), RunVerdict.class)).isEqualTo(verdict);
        assertThat(item.get("experimentName").s()).isEqualTo("kill-web");
        assertThat(item.get("startedAt").s()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(item.get("injectAt").s()).isEqualTo("2024-05-01T10:00:02Z");
        assertThat(item.get("observeUntil").s()).isEqualTo("2024-05-01T10:00:12Z");
        assertThat(item.get("finishedAt").s()).isEqualTo("2024-05-01T10:00:12Z");
        assertThat(item.get("completedAt").s()).isEqualTo("2024-05-01T10:00:13Z");
        assertThat(item.get("reportJsonPath").s()).isEqualTo("/reports/" + run + "/report.json");
        assertThat(item.get("reportMarkdownPath").s()).isEqualTo("/reports/" + run + "/report.md");
        assertThat(store.findRun(run).orElseThrow().experiment()).contains(RunFixtures.experiment());
    }

    @Test
    void aVerdictThatOvertakesRunStartedStillWritesAndRunStartedFillsIn() {
        String run = newRunId();

        store.complete(RunFixtures.failedVerdict(run), Path.of("r.json"), Path.of("r.md"), T0.plusSeconds(13));
        store.record(RunFixtures.runStarted(run));

        StoredRun stored = store.findRun(run).orElseThrow();
        assertThat(stored.state()).isEqualTo(RunState.COMPLETED);
        assertThat(stored.verdict()).isEqualTo("FAIL");
        assertThat(stored.startedAt()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(stored.experiment()).contains(RunFixtures.experiment());
    }

    @Test
    void anAbortedRunStaysAbortedWhenItsRunFinishedFollows() {
        String run = newRunId();
        store.record(RunFixtures.runStarted(run));
        store.record(new RunAborted(Message.SCHEMA_VERSION, run + "-aborted", run, T0.plusSeconds(3),
                "halted by operator", "alice"));
        store.record(RunFixtures.runFinished(run));

        Map<String, AttributeValue> item = getRun(run);
        assertThat(item.get("state").s()).isEqualTo("ABORTED");
        assertThat(item.get("abortReason").s()).isEqualTo("halted by operator");
        assertThat(item.get("finishedAt").s()).isEqualTo("2024-05-01T10:00:12Z");
    }

    @Test
    void anAbortedRunStaysAbortedWhenItsVerdictFollowsAndKeepsTheVerdict() {
        String run = newRunId();
        store.record(RunFixtures.runStarted(run));
        store.record(new RunAborted(Message.SCHEMA_VERSION, run + "-aborted", run, T0.plusSeconds(3),
                "SLO breached", "orchestrator"));
        store.complete(RunFixtures.failedVerdict(run), Path.of("r.json"), Path.of("r.md"), T0.plusSeconds(13));

        StoredRun stored = store.findRun(run).orElseThrow();
        assertThat(stored.state()).isEqualTo(RunState.ABORTED);
        assertThat(stored.verdict()).isEqualTo("FAIL");
        assertThat(getRun(run).get("abortReason").s()).isEqualTo("SLO breached");
        assertThat(getRun(run).get("reportMarkdownPath").s()).isEqualTo("r.md");
    }

    @Test
    void aCompletedRunIsNotAbortedByALateRunAborted() {
        String run = newRunId();
        store.record(RunFixtures.runStarted(run));
        store.complete(RunFixtures.failedVerdict(run), Path.of("r.json"), Path.of("r.md"), T0.plusSeconds(13));
        store.record(new RunAborted(Message.SCHEMA_VERSION, run + "-aborted", run, T0.plusSeconds(14),
                "halted by operator", "alice"));

        assertThat(store.findRun(run).orElseThrow().state()).isEqualTo(RunState.COMPLETED);
    }

    @Test
    void eventsComeBackInTimeOrderWhateverTheOrderTheyWereWritten() {
        String run = newRunId();
        // 10:00:05Z and 10:00:05.500Z: in Instant.toString() form these two would sort the wrong way round.
        ChaosEvent atFive = reverted(run, "rev-a", Instant.parse("2024-05-01T10:00:05Z"));
        ChaosEvent atFiveAndAHalf = reverted(run, "rev-b", Instant.parse("2024-05-01T10:00:05.500Z"));
        store.record(RunFixtures.runFinished(run));
        store.record(atFiveAndAHalf);
        store.record(RunFixtures.faultInjected(run));
        store.record(atFive);
        store.record(RunFixtures.runStarted(run));

        List<ChaosEvent> events = store.events(run);

        assertThat(events).extracting(Message::messageId).containsExactly(
                run + "-started", run + "-injected", "rev-a", "rev-b", run + "-finished");
        assertThat(events).isEqualTo(List.of(RunFixtures.runStarted(run), RunFixtures.faultInjected(run), atFive,
                atFiveAndAHalf, RunFixtures.runFinished(run)));
        assertThat(store.events(newRunId())).isEmpty();
    }

    private static ChaosEvent reverted(String run, String messageId, Instant at) {
        return new FaultReverted(Message.SCHEMA_VERSION, messageId, run, at, "agent-1", RunFixtures.FAULT_ID,
                "container-kill", RunFixtures.WEB, at, "duration-ended");
    }

    private static Map<String, AttributeValue> getRun(String run) {
        return client.getItem(b -> b.tableName(PREFIX + "runs").key(Map.of("runId", s(run))).consistentRead(true))
                .item();
    }

    private static List<String> tableNames() {
        List<String> names = new ArrayList<>();
        client.listTablesPaginator().tableNames().forEach(names::add);
        return names;
    }

    private static RunTables created(RunTables tables) {
        CREATED.add(tables.runs());
        CREATED.add(tables.runEvents());
        return tables;
    }

    private static String newRunId() {
        return "run-" + UUID.randomUUID();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
