package dev.faultline.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.fault.ContainerPause;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.run.RunState;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.dynamodb.DynamoDbClients;
import dev.faultline.dynamodb.Tables;
import dev.faultline.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** The orchestrator's run table on the real DynamoDB API (dynalite), in a table of this test's own. */
class DynamoDbRunStoreIT {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final String table = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-orchestrator-runs";

    @AfterEach
    void dropTables() {
        try (DynamoDbClient client = client()) {
            for (String name : List.of(table, table + "-rebuild")) {
                try {
                    client.deleteTable(b -> b.tableName(name));
                } catch (ResourceNotFoundException absent) {
                    // never created (the copy exists only while a rebuild runs)
                }
            }
        }
    }

    @Test
    void aRunComesBackAsLastStoredFromATableCreatedOnFirstUse() {
        try (DynamoDbRunStore store = DynamoDbRunStore.open(client(), table, Duration.ofDays(7))) {
            Run run = run("run-a", T0);
            store.save(run);
            run.finish(T0.plusSeconds(15));
            store.save(run);

            List<Run> loaded = store.loadActive(T0.plusSeconds(20));

            assertThat(loaded).singleElement().satisfies(r -> {
                assertThat(r.id()).isEqualTo("run-a");
                assertThat(r.state()).isEqualTo(RunState.FINISHED);
                assertThat(r.plan()).isEqualTo(run.plan());
                assertThat(r.experiment()).isEqualTo(run.experiment());
                assertThat(r.view()).isEqualTo(run.view());
            });
            assertThat(store.find("run-a")).map(Run::view).contains(run.view());
            assertThat(store.find("run-never")).isEmpty();
        }
    }

    @Test
    void aRunOfAThousandTargetsWithEveryOutcomeFitsInItsItem() {
        try (DynamoDbRunStore store = DynamoDbRunStore.open(client(), table, Duration.ofDays(7))) {
            List<PlannedFault> plan = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                // Docker's 64-hex container ids, as agents report them: the plan alone is ~400 KB of JSON.
                plan.add(new PlannedFault("run-big-f0-" + i, new TargetRef(String.format("agent-%04d", i),
                        "%064x".formatted(i), String.format("agent-%04d-web", i)), new ContainerPause(),
                        Duration.ofMinutes(5)));
            }
            Run run = new Run("run-big", RunCoordinatorTest.experiment(false), plan, T0, T0, T0.plusSeconds(300));
            for (PlannedFault fault : plan) {
                run.faultInjected(FaultInjected.of(run.id(), fault.faultId(), "container-pause", fault.target(),
                        T0.plusSeconds(1), 2, T0.plusSeconds(1)));
            }
            run.abort("halted by alice", T0.plusSeconds(20));
            for (PlannedFault fault : plan) {
                run.faultReverted(FaultReverted.of(run.id(), fault.faultId(), "container-pause", fault.target(),
                        T0.plusSeconds(21), "requested", T0.plusSeconds(21)));
            }
            assertThat(ChaosJson.write(new DynamoDbRunStore.Entry(run.experiment(), run.view())).length())
                    .as("the entry's JSON is beyond DynamoDB's 400 KB item limit").isGreaterThan(400 * 1024);

            store.save(run);

            assertThat(store.find("run-big")).map(Run::view).contains(run.view());
        }
    }

    @Test
    void aStaleWriteCannotMoveAnEndedRunBack() {
        try (DynamoDbRunStore store = DynamoDbRunStore.open(client(), table, Duration.ofDays(7))) {
            Run aborted = run("run-b", T0);
            aborted.abort("halted by alice", T0.plusSeconds(3));
            store.save(aborted);

            store.save(run("run-b", T0)); // a process that still thinks the run RUNNING

            assertThat(store.find("run-b")).hasValueSatisfying(r -> {
                assertThat(r.state()).isEqualTo(RunState.ABORTED);
                assertThat(r.view().abortReason()).isEqualTo("halted by alice");
            });
            assertThat(store.loadActive(T0.plusSeconds(4))).isEmpty();
        }
    }

    @Test
    void onlyActiveRunsAreTakenBackAndEndedRunsPastTheRetentionAreDeleted() {
        try (DynamoDbRunStore store = DynamoDbRunStore.open(client(), table, Duration.ofHours(1))) {
            Run old = run("run-old", T0);
            old.abort("old", T0);
            store.save(old);
            Run endedRecently = run("run-recent", T0.plus(Duration.ofMinutes(90)));
            endedRecently.complete(verdict(endedRecently, Verdict.PASS), T0.plus(Duration.ofMinutes(91)));
            store.save(endedRecently);
            store.save(run("run-active", T0));

            assertThat(store.loadActive(T0.plus(Duration.ofHours(2)))).extracting(Run::id)
                    .containsExactly("run-active");
            assertThat(store.find("run-recent")).isPresent();
            try (DynamoDbClient client = client()) {
                assertThat(client.getItem(b -> b.tableName(table).consistentRead(true)
                        .key(Map.of("runId", AttributeValue.fromS("run-old")))).hasItem()).isFalse();
            }
        }
    }

    @Test
    void theHistoryIsFilteredAndPagedNewestFirstAndOutlivesTheStore() {
        List<String> ids = new ArrayList<>();
        try (DynamoDbRunStore store = DynamoDbRunStore.open(client(), table, Duration.ofDays(90))) {
            // 7 runs, one a minute: checkout (PASS, FAIL alternating, one aborted) and one of another experiment
            for (int i = 0; i < 6; i++) {
                Run run = run("run-" + i, T0.plusSeconds(60L * i));
                if (i == 4) {
                    run.abort("halted", T0.plusSeconds(60L * i + 5));
                } else {
                    run.complete(verdict(run, i % 2 == 0 ? Verdict.PASS : Verdict.FAIL), T0.plusSeconds(60L * i + 30));
                }
                store.save(run);
                ids.add(run.id());
            }
            Run other = new Run("run-other", named("other-experiment"), plan("run-other"), T0.plusSeconds(30),
                    T0.plusSeconds(35), T0.plusSeconds(45));
            store.save(other);
        }
        // a new store on the same table, as after a restart of the orchestrator
        try (DynamoDbRunStore store = DynamoDbRunStore.open(client(), table, Duration.ofDays(90))) {
            assertThat(all(store, query(null, null, null, null, 3)))
                    .containsExactly("run-5", "run-4", "run-3", "run-2", "run-1", "run-other", "run-0");
            RunPage first = store.list(query(null, null, null, null, 3));
            assertThat(first.runs()).extracting(Run::id).containsExactly("run-5", "run-4", "run-3");
            assertThat(first.next()).isNotNull();

            assertThat(all(store, query("coordinated", null, null, null, 2)))
                    .containsExactly("run-5", "run-4", "run-3", "run-2", "run-1", "run-0");
            assertThat(all(store, query("coordinated", Verdict.PASS, null, null, 1)))
                    .containsExactly("run-2", "run-0");
            assertThat(all(store, query(null, Verdict.FAIL, null, null, 10))).containsExactly("run-5", "run-3", "run-1");
            assertThat(all(store, query(null, null, RunState.ABORTED, null, 10))).containsExactly("run-4");
            assertThat(all(store, query(null, null, RunState.RUNNING, null, 10))).containsExactly("run-other");
            assertThat(all(store, query("coordinated", null, null, T0.plusSeconds(180), 2)))
                    .containsExactly("run-5", "run-4", "run-3");
            assertThat(all(store, query("nobody", null, null, null, 5))).isEmpty();
            assertThat(all(store, query(null, null, null, T0.plusSeconds(240), 10))).containsExactly("run-5", "run-4");
            assertThat(all(store, query(null, Verdict.PASS, RunState.COMPLETED, T0.plusSeconds(60), 1)))
                    .containsExactly("run-2");

            RunPage last = store.list(query("coordinated", Verdict.FAIL, null, null, 3));
            assertThat(last.runs()).extracting(Run::id).containsExactly("run-5", "run-3", "run-1");
            assertThat(last.next()).as("a full last page hands out no token").isNull();
            assertThat(store.find("run-3").orElseThrow().view().verdict().verdict()).isEqualTo(Verdict.FAIL);
        }
    }

    /** A table of the layout before the history: no indexes, items without their attributes. */
    @Test
    void aTableCreatedBeforeTheIndexesGetsThemAndItsRunsAreInTheHistory() throws Exception {
        try (DynamoDbClient client = client()) {
            Tables.ensure(client, table, Tables.partitionKey("runId"));
            for (int i = 0; i < 3; i++) {
                Run run = run("legacy-" + i, T0.plusSeconds(i));
                if (i < 2) {
                    run.complete(verdict(run, Verdict.PASS), T0.plusSeconds(i + 20));
                }
                Map<String, AttributeValue> item = Map.of("runId", AttributeValue.fromS(run.id()),
                        "state", AttributeValue.fromS(run.state().name()),
                        "entry", AttributeValue.fromS(ChaosJson.write(new DynamoDbRunStore.Entry(run.experiment(),
                                run.view()))));
                client.putItem(b -> b.tableName(table).item(item));
            }
        }
        try (DynamoDbRunStore store = DynamoDbRunStore.open(client(), table, Duration.ofDays(90))) {
            assertThat(all(store, query(null, null, null, null, 2))).containsExactly("legacy-2", "legacy-1", "legacy-0");
            assertThat(all(store, query("coordinated", Verdict.PASS, null, null, 5)))
                    .containsExactly("legacy-1", "legacy-0");
            assertThat(store.loadActive(T0.plusSeconds(60))).extracting(Run::id).containsExactly("legacy-2");
        }
        try (DynamoDbClient client = client()) {
            assertThat(client.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes())
                    .extracting(GlobalSecondaryIndexDescription::indexName)
                    .containsExactlyInAnyOrder(DynamoDbRunStore.BY_EXPERIMENT, DynamoDbRunStore.BY_CREATED,
                            DynamoDbRunStore.ACTIVE);
            assertThat(client.listTables().tableNames()).doesNotContain(table + "-rebuild");
        }
    }

    private static List<String> all(DynamoDbRunStore store, RunQuery query) {
        List<String> ids = new ArrayList<>();
        RunQuery next = query;
        for (int page = 0; page < 20; page++) {
            RunPage result = store.list(next);
            assertThat(result.runs().size()).isLessThanOrEqualTo(query.limit());
            result.runs().forEach(r -> ids.add(r.id()));
            if (result.next() == null) {
                return ids;
            }
            next = new RunQuery(query.experiment(), query.verdict(), query.state(), query.since(), query.limit(),
                    PageToken.decode(result.next().encode()));
        }
        throw new AssertionError("more than 20 pages: the paging does not advance; so far " + ids);
    }

    private static RunQuery query(String experiment, Verdict verdict, RunState state, Instant since, int limit) {
        return new RunQuery(experiment, verdict, state, since, limit, null);
    }

    private static RunVerdict verdict(Run run, Verdict verdict) {
        return RunVerdict.of(run.id(), run.experiment().name(), verdict, List.of(), List.of(), List.of(), 250,
                T0);
    }

    private static Experiment named(String name) {
        Experiment e = RunCoordinatorTest.experiment(false);
        return new Experiment(name, e.description(), e.duration(), e.steadyState(), e.faults(), e.slos(), e.load(),
                e.loadBalancer(), e.resilience(), e.integrity(), e.allowPlatformTargets());
    }

    private static List<PlannedFault> plan(String id) {
        return List.of(new PlannedFault(id + "-f0", new TargetRef("agent-1", "c1", "web"), new ContainerPause(),
                Duration.ofSeconds(10)));
    }

    private static Run run(String id, Instant createdAt) {
        return new Run(id, RunCoordinatorTest.experiment(false), plan(id), createdAt, createdAt.plusSeconds(5),
                createdAt.plusSeconds(15));
    }

    private static DynamoDbClient client() {
        return DynamoDbClients.build(Optional.of(TestInfrastructure.requireDynamoDb()), "us-east-1");
    }
}
