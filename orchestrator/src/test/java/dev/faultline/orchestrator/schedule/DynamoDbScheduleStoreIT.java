package dev.faultline.orchestrator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.faultline.dynamodb.DynamoDbClients;
import dev.faultline.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The schedule tables on the real DynamoDB API (dynalite), in tables of this test's own. */
class DynamoDbScheduleStoreIT {

    static final Instant T0 = Instant.parse("2026-12-02T14:00:05Z");

    private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String schedules = prefix + "-orchestrator-schedules";
    private final String occurrences = prefix + "-orchestrator-schedule-occurrences";

    @AfterEach
    void dropTables() {
        try (DynamoDbClient client = client()) {
            client.deleteTable(b -> b.tableName(schedules));
            client.deleteTable(b -> b.tableName(occurrences));
        }
    }

    DynamoDbScheduleStore open() {
        return DynamoDbScheduleStore.open(client(), schedules, occurrences);
    }

    static StoredSchedule schedule(String id) {
        Schedule schedule = new ScheduleRequest(TextNode.valueOf(ScheduleRequestTest.EXPERIMENT), "0/20 * * * * ?",
                "Europe/Paris", List.of(new AllowedWindow("MON-FRI", "09:00", "17:00")), "5m", "1m")
                .toSchedule(id, T0, "otto");
        return new StoredSchedule(schedule, false, T0, null);
    }

    static Occurrence occurrence(String scheduleId, int n) {
        Instant at = T0.plusSeconds(15 + 20L * n);
        return new Occurrence(scheduleId, at, at.plusSeconds(7), at.minusSeconds(53));
    }

    @Test
    void ofTwoStoresRacingForTheSameOccurrenceExactlyOneWinsTheClaim() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (DynamoDbScheduleStore a = open(); DynamoDbScheduleStore b = open()) {
            a.create(schedule("sch-race"));
            for (int n = 0; n < 10; n++) {
                Occurrence contested = occurrence("sch-race", n);
                if (n % 2 == 1) {
                    // an announced occurrence is claimable once too
                    assertThat(b.announce(contested, "b", T0)).isTrue();
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    DynamoDbScheduleStore store = t % 2 == 0 ? a : b;
                    String instance = (t % 2 == 0 ? "a-" : "b-") + t;
                    claims.add(pool.submit(() -> {
                        go.await();
                        return store.claim(contested, instance, T0);
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<Boolean> claim : claims) {
                    won += claim.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(won).as("winners of occurrence %d", n).isEqualTo(1);
                assertThat(a.claim(contested, "late", T0)).as("a late claim").isFalse();
                assertThat(a.announce(contested, "late", T0)).as("announcing a claimed occurrence").isFalse();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void schedulesTheirOccurrencesAndTheHaltLatchSurviveANewStoreInstance() {
        StoredSchedule created = schedule("sch-keep");
        Occurrence started = occurrence("sch-keep", 0);
        Occurrence skipped = occurrence("sch-keep", 1);
        try (DynamoDbScheduleStore first = open()) {
            first.create(created);
            first.create(schedule("sch-gone"));
            assertThat(first.claim(started, "instance-a", T0.plusSeconds(22))).isTrue();
            first.settle(started, "run-1", null, T0.plusSeconds(23));
            first.lastRun("sch-keep", "run-1");
            assertThat(first.claim(skipped, "instance-a", T0.plusSeconds(42))).isTrue();
            first.settle(skipped, null, Skip.of(SkipReason.TARGET_DOWN, "target already down: x"),
                    T0.plusSeconds(42));
            first.advance("sch-keep", skipped.occurrence());
            first.advance("sch-keep", started.occurrence()); // never back
            first.engage(new HaltLatch("otto", "drill", T0.plusSeconds(50)));
            assertThat(first.delete("sch-gone")).isTrue();
            assertThat(first.delete("sch-gone")).isFalse();
        }

        try (DynamoDbScheduleStore second = open()) {
            assertThat(second.all()).singleElement().satisfies(s -> {
                assertThat(s.schedule()).isEqualTo(created.schedule());
                assertThat(s.paused()).isFalse();
                assertThat(s.coveredUntil()).isEqualTo(skipped.occurrence());
                assertThat(s.lastRunId()).isEqualTo("run-1");
            });
            assertThat(second.occurrences("sch-keep", 10)).extracting(OccurrenceRecord::occurrence,
                    OccurrenceRecord::state, OccurrenceRecord::runId, OccurrenceRecord::reasonCode)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(skipped.occurrence(), OccurrenceRecord.State.SKIPPED,
                                    null, "target-down"),
                            org.assertj.core.groups.Tuple.tuple(started.occurrence(), OccurrenceRecord.State.STARTED,
                                    "run-1", null));
            assertThat(second.occurrences("sch-keep", 10).get(0).instance()).isEqualTo("instance-a");
            assertThat(second.latch()).contains(new HaltLatch("otto", "drill", T0.plusSeconds(50)));
            assertThat(second.find("sch-gone")).isEmpty();

            assertThat(second.setPaused("sch-keep", true, T0.plusSeconds(60))).isTrue();
            assertThat(second.find("sch-keep")).hasValueSatisfying(s -> assertThat(s.paused()).isTrue());
            assertThat(second.setPaused("sch-keep", false, T0.plusSeconds(600))).isTrue();
            assertThat(second.find("sch-keep")).hasValueSatisfying(s -> {
                assertThat(s.paused()).isFalse();
                assertThat(s.coveredUntil()).as("a resume starts afresh").isEqualTo(T0.plusSeconds(600));
            });
            assertThat(second.setPaused("sch-nobody", true, T0)).isFalse();
            assertThat(second.release()).isTrue();
            assertThat(second.latch()).isEqualTo(Optional.empty());
            assertThat(second.release()).isFalse();
        }
    }

    @Test
    void anEngineOnANewStoreAfterADowntimeRecordsTheMissedOccurrencesAndRunsOnlyTheCurrentOne() {
        dev.faultline.orchestrator.testing.ManualTime time = new dev.faultline.orchestrator.testing.ManualTime(T0);
        ScheduleEngineTest.FakeRuns runs = new ScheduleEngineTest.FakeRuns();
        List<dev.faultline.common.event.ChaosEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (DynamoDbScheduleStore before = open()) {
            Schedule every20s = new ScheduleRequest(TextNode.valueOf(ScheduleRequestTest.EXPERIMENT),
                    "0/20 * * * * ?", "UTC", null, null, null).toSchedule("sch-down", T0, "otto");
            before.create(new StoredSchedule(every20s, false, T0, null));
            ScheduleEngine first = new ScheduleEngine(before, runs, events::add, time, Duration.ofSeconds(30), "a");
            time.advance(Duration.ofSeconds(16)); // 14:00:21: the 14:00:20 occurrence runs
            first.tick();
        }
        assertThat(runs.started).containsExactly("run-1");

        time.advance(Duration.ofMinutes(2)); // the orchestrator is down until 14:02:21
        try (DynamoDbScheduleStore after = open()) {
            new ScheduleEngine(after, runs, events::add, time, Duration.ofSeconds(30), "b").tick();

            assertThat(runs.started).as("only 14:02:20 runs, nothing late").containsExactly("run-1", "run-2");
            List<OccurrenceRecord> history = after.occurrences("sch-down", 20);
            assertThat(history).hasSize(7);
            assertThat(history.get(0)).satisfies(o -> {
                assertThat(o.occurrence()).isEqualTo(Instant.parse("2026-12-02T14:02:20Z"));
                assertThat(o.runId()).isEqualTo("run-2");
                assertThat(o.instance()).isEqualTo("b");
            });
            assertThat(history.subList(1, 6)).allSatisfy(o -> {
                assertThat(o.state()).isEqualTo(OccurrenceRecord.State.SKIPPED);
                assertThat(o.reason()).isEqualTo("missed: orchestrator was down");
            });
            assertThat(history.get(6).runId()).isEqualTo("run-1");
            assertThat(events).filteredOn(dev.faultline.common.event.RunSkipped.class::isInstance).hasSize(5);
        }
    }

    private static DynamoDbClient client() {
        return DynamoDbClients.build(Optional.of(TestInfrastructure.requireDynamoDb()), "us-east-1",
                Duration.ofSeconds(2), Duration.ofSeconds(10));
    }
}
