package dev.faultline.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.fault.ContainerPause;
import dev.faultline.common.run.RunState;
import dev.faultline.common.target.TargetRef;
import dev.faultline.dynamodb.DynamoDbClients;
import dev.faultline.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The orchestrator's run table on the real DynamoDB API (dynalite), in a table of this test's own. */
class DynamoDbRunStoreIT {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final String table = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-orchestrator-runs";

    @AfterEach
    void dropTable() {
        try (DynamoDbClient client = client()) {
            client.deleteTable(b -> b.tableName(table));
        }
    }

    @Test
    void aRunComesBackAsLastStoredFromATableCreatedOnFirstUse() {
        try (DynamoDbRunStore store = DynamoDbRunStore.open(client(), table, Duration.ofDays(7))) {
            Run run = run("run-a");
            store.save(run);
            run.finish(T0.plusSeconds(15));
            store.save(run);

            List<Run> loaded = store.load(T0.plusSeconds(20));

            assertThat(loaded).singleElement().satisfies(r -> {
                assertThat(r.id()).isEqualTo("run-a");
                assertThat(r.state()).isEqualTo(RunState.FINISHED);
                assertThat(r.plan()).isEqualTo(run.plan());
                assertThat(r.experiment()).isEqualTo(run.experiment());
                assertThat(r.view()).isEqualTo(run.view());
            });
        }
    }

    @Test
    void aStaleWriteCannotMoveAnEndedRunBack() {
        try (DynamoDbRunStore store = DynamoDbRunStore.open(client(), table, Duration.ofDays(7))) {
            Run aborted = run("run-b");
            aborted.abort("halted by alice", T0.plusSeconds(3));
            store.save(aborted);

            store.save(run("run-b")); // a process that still thinks the run RUNNING

            assertThat(store.load(T0.plusSeconds(4))).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(RunState.ABORTED);
                assertThat(r.view().abortReason()).isEqualTo("halted by alice");
            });
        }
    }

    @Test
    void endedRunsPastTheRetentionAreDeletedAndActiveOnesKept() {
        try (DynamoDbRunStore store = DynamoDbRunStore.open(client(), table, Duration.ofHours(1))) {
            Run old = run("run-old");
            old.abort("old", T0);
            store.save(old);
            store.save(run("run-active"));

            assertThat(store.load(T0.plus(Duration.ofHours(2)))).extracting(Run::id).containsExactly("run-active");
            try (DynamoDbClient client = client()) {
                assertThat(client.getItem(b -> b.tableName(table).consistentRead(true)
                        .key(Map.of("runId", AttributeValue.fromS("run-old")))).hasItem()).isFalse();
            }
        }
    }

    private static Run run(String id) {
        PlannedFault pause = new PlannedFault(id + "-f0", new TargetRef("agent-1", "c1", "web"), new ContainerPause(),
                Duration.ofSeconds(10));
        return new Run(id, RunCoordinatorTest.experiment(false), List.of(pause), T0, T0.plusSeconds(5),
                T0.plusSeconds(15));
    }

    private static DynamoDbClient client() {
        return DynamoDbClients.build(Optional.of(TestInfrastructure.requireDynamoDb()), "us-east-1");
    }
}
