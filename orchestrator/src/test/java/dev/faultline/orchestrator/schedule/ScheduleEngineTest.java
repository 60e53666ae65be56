package dev.faultline.orchestrator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.RunScheduled;
import dev.faultline.common.event.RunSkipped;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.orchestrator.metrics.OrchestratorMetrics;
import dev.faultline.orchestrator.testing.InMemoryScheduleStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.faultline.orchestrator.testing.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The engine on a hand-moved clock: minutes of schedule in milliseconds of test. */
class ScheduleEngineTest {

    /** 14:00:05 UTC: the every-20-seconds schedule falls due at :20, :40, :00. */
    static final Instant T0 = Instant.parse("2026-12-02T14:00:05Z");
    static final Duration TOLERANCE = Duration.ofSeconds(30);

    final ManualTime time = new ManualTime(T0);
    final InMemoryScheduleStore store = new InMemoryScheduleStore();
    final FakeRuns runs = new FakeRuns();
    final List<ChaosEvent> events = new CopyOnWriteArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ScheduleEngine engine = new ScheduleEngine(store, runs, events::add, time, TOLERANCE, "instance-a",
            new OrchestratorMetrics(meters));

    /** The runs side: counts starts, fails the pre-check while told to, keeps runs active while told to. */
    static final class FakeRuns implements ScheduledRuns {
        final List<String> started = new CopyOnWriteArrayList<>();
        final Set<String> active = new HashSet<>();
        volatile Optional<Skip> precheck = Optional.empty();
        volatile boolean keepActive;

        @Override
        public Optional<Skip> precheck(Experiment experiment) {
            return precheck;
        }

        @Override
        public synchronized String start(Schedule schedule, Experiment experiment) {
            String runId = "run-" + (started.size() + 1);
            started.add(runId);
            if (keepActive) {
                active.add(runId);
            }
            return runId;
        }

        @Override
        public synchronized boolean active(String runId) {
            return active.contains(runId);
        }
    }

    String addSchedule(String cron, Duration announceAhead) {
        return addSchedule(cron, announceAhead, null);
    }

    String addSchedule(String cron, Duration announceAhead, List<String> alertOn) {
        Schedule schedule = new ScheduleRequest(TextNode.valueOf(ScheduleRequestTest.EXPERIMENT), cron, "UTC", null,
                null, announceAhead.toSeconds() + "s", alertOn).toSchedule("sch-" + store.all().size(), time.instant(), "otto");
        store.create(new StoredSchedule(schedule, false, time.instant(), null));
        return schedule.id();
    }

    /** Moves the clock second by second, ticking at each, as the running orchestrator does. */
    void runFor(Duration duration, ScheduleEngine... engines) {
        for (long s = 0; s < duration.toSeconds(); s++) {
            time.advance(Duration.ofSeconds(1));
            for (ScheduleEngine e : engines.length == 0 ? new ScheduleEngine[] {engine} : engines) {
                e.tick();
            }
        }
    }

    List<RunSkipped> skips() {
        return events.stream().filter(RunSkipped.class::isInstance).map(RunSkipped.class::cast).toList();
    }

    @Test
    void aSkipCarriesTheSchedulesKindsOfAlertOrNoneToLeaveThemToTheReporter() {
        addSchedule("0/20 * * * * ?", Duration.ZERO, List.of("skipped", "halt"));
        addSchedule("0/20 * * * * ?", Duration.ZERO);
        runs.precheck = Optional.of(Skip.of(SkipReason.TARGET_DOWN, "target already down: faults[0]: no match"));

        runFor(Duration.ofSeconds(16)); // :20

        assertThat(skips()).extracting(RunSkipped::scheduleId, RunSkipped::alertOn).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("sch-0", List.of("skipped", "halt")),
                org.assertj.core.groups.Tuple.tuple("sch-1", null));
    }

    @Test
    void threeOccurrencesRunWithoutAnyoneAndOneWithItsTargetDownIsSkippedWithTheReason() {
        String id = addSchedule("0/20 * * * * ?", Duration.ZERO);

        runFor(Duration.ofSeconds(56)); // :20, :40, 14:01:00
        runs.precheck = Optional.of(Skip.of(SkipReason.TARGET_DOWN, "target already down: faults[0]: no match"));
        runFor(Duration.ofSeconds(20)); // 14:01:20

        assertThat(runs.started).containsExactly("run-1", "run-2", "run-3");
        assertThat(store.history(id)).extracting(OccurrenceRecord::occurrence, OccurrenceRecord::state,
                OccurrenceRecord::runId).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-12-02T14:00:20Z"),
                                OccurrenceRecord.State.STARTED, "run-1"),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-12-02T14:00:40Z"),
                                OccurrenceRecord.State.STARTED, "run-2"),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-12-02T14:01:00Z"),
                                OccurrenceRecord.State.STARTED, "run-3"),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-12-02T14:01:20Z"),
                                OccurrenceRecord.State.SKIPPED, null));
        assertThat(skips()).singleElement().satisfies(skip -> {
            assertThat(skip.scheduleId()).isEqualTo(id);
            assertThat(skip.occurrence()).isEqualTo(Instant.parse("2026-12-02T14:01:20Z"));
            assertThat(skip.reasonCode()).isEqualTo("target-down");
            assertThat(skip.reason()).startsWith("target already down");
            assertThat(skip.experiment()).isEqualTo("scheduled-kill");
            assertThat(skip.experimentSha256()).isEqualTo(ScheduleRequest.sha256(ScheduleRequestTest.EXPERIMENT));
            assertThat(skip.runId()).isNull();
        });
        assertThat(store.find(id).orElseThrow().lastRunId()).isEqualTo("run-3");
        assertThat(meters.get("faultline.schedule.occurrences").tags("outcome", "run", "reason", "none").counter()
                .count()).isEqualTo(3);
        assertThat(meters.get("faultline.schedule.occurrences").tags("outcome", "skipped", "reason", "target-down")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aHaltHoldsEveryScheduleUntilAResume() {
        String id = addSchedule("0/20 * * * * ?", Duration.ZERO);
        store.engage(new HaltLatch("otto", "drill", T0));

        runFor(Duration.ofSeconds(20)); // :20 skipped
        store.release();
        runFor(Duration.ofSeconds(20)); // :40 runs

        assertThat(skips()).singleElement().satisfies(s -> {
            assertThat(s.reasonCode()).isEqualTo("halted");
            assertThat(s.reason()).contains("otto", "drill");
        });
        assertThat(runs.started).containsExactly("run-1");
        assertThat(store.history(id)).hasSize(2);
    }

    @Test
    void aLatchHeldInMemoryHoldsTheSchedulesBeforeTheStoreHasIt() {
        addSchedule("0/20 * * * * ?", Duration.ZERO);
        engine.holdHere(new HaltLatch("otto", "store slow", T0));

        runFor(Duration.ofSeconds(20));
        engine.holdHere(null);
        runFor(Duration.ofSeconds(20));

        assertThat(skips()).singleElement().satisfies(s -> assertThat(s.reason()).contains("store slow"));
        assertThat(runs.started).containsExactly("run-1");
    }

    @Test
    void anOccurrenceWhileTheLastRunIsStillActiveIsSkipped() {
        addSchedule("0/20 * * * * ?", Duration.ZERO);
        runs.keepActive = true;

        runFor(Duration.ofSeconds(40)); // :20 starts run-1, :40 finds it active

        assertThat(runs.started).containsExactly("run-1");
        assertThat(skips()).singleElement().satisfies(s -> {
            assertThat(s.reasonCode()).isEqualTo("run-still-active");
            assertThat(s.reason()).contains("run-1");
        });
    }

    @Test
    void occurrencesMissedWhileDownAreRecordedAsMissedAndOnlyTheCurrentOneRuns() {
        String id = addSchedule("0/20 * * * * ?", Duration.ZERO);

        time.advance(Duration.ofSeconds(300)); // down: nobody ticks from 14:00:05 to 14:05:05
        engine.tick();

        // 14:00:20 .. 14:04:40 missed (14 of them), 14:05:00 is 5 s late, within the tolerance: it runs.
        assertThat(runs.started).containsExactly("run-1");
        assertThat(skips()).hasSize(14).allSatisfy(s -> {
            assertThat(s.reasonCode()).isEqualTo("missed");
            assertThat(s.reason()).isEqualTo("missed: orchestrator was down");
        });
        assertThat(store.history(id)).last().satisfies(o -> {
            assertThat(o.occurrence()).isEqualTo(Instant.parse("2026-12-02T14:05:00Z"));
            assertThat(o.state()).isEqualTo(OccurrenceRecord.State.STARTED);
        });

        events.clear();
        runFor(Duration.ofSeconds(10));
        assertThat(events).as("nothing handled twice").isEmpty();
    }

    @Test
    void aLongerDowntimeStartsNoRunAtAllUntilTheNextOccurrence() {
        addSchedule("0 0/5 * * * ?", Duration.ZERO); // every five minutes

        time.advance(Duration.ofMinutes(12).plusSeconds(30)); // down until 14:12:35: 14:05, 14:10 missed
        engine.tick();

        assertThat(runs.started).isEmpty();
        assertThat(skips()).extracting(RunSkipped::occurrence).containsExactly(
                Instant.parse("2026-12-02T14:05:00Z"), Instant.parse("2026-12-02T14:10:00Z"));
        runFor(Duration.ofMinutes(3));
        assertThat(runs.started).as("14:15 runs on time").containsExactly("run-1");
    }

    @Test
    void theNextRunIsAnnouncedOnceItsAnnounceTimeComes() {
        String id = addSchedule("0/20 * * * * ?", Duration.ofSeconds(10));

        runFor(Duration.ofSeconds(9)); // 14:00:14: the :20 occurrence was announced at :10
        List<RunScheduled> announced = events.stream().filter(RunScheduled.class::isInstance)
                .map(RunScheduled.class::cast).toList();

        assertThat(announced).singleElement().satisfies(a -> {
            assertThat(a.scheduleId()).isEqualTo(id);
            assertThat(a.occurrence()).isEqualTo(Instant.parse("2026-12-02T14:00:20Z"));
            assertThat(a.startAt()).isEqualTo(Instant.parse("2026-12-02T14:00:20Z"));
            assertThat(a.timestamp()).isEqualTo(Instant.parse("2026-12-02T14:00:10Z"));
        });
        assertThat(runs.started).isEmpty();
        runFor(Duration.ofSeconds(6));
        assertThat(runs.started).as("an announced occurrence is still claimed and run").containsExactly("run-1");
    }

    @Test
    void twoInstancesOnOneStoreStartEachOccurrenceOnce() {
        addSchedule("0/20 * * * * ?", Duration.ofSeconds(5));
        List<ChaosEvent> otherEvents = new ArrayList<>();
        ScheduleEngine other = new ScheduleEngine(store, runs, otherEvents::add, time, TOLERANCE, "instance-b");

        runFor(Duration.ofSeconds(60), engine, other);

        assertThat(runs.started).containsExactly("run-1", "run-2", "run-3");
        List<ChaosEvent> all = new ArrayList<>(events);
        all.addAll(otherEvents);
        assertThat(all).filteredOn(RunScheduled.class::isInstance).as("each announced once").hasSize(3);
    }

    @Test
    void aPausedScheduleDoesNothingAndAResumeDoesNotCountThePauseAsMissed() {
        String id = addSchedule("0/20 * * * * ?", Duration.ZERO);
        store.setPaused(id, true, time.instant());

        runFor(Duration.ofSeconds(60));
        assertThat(runs.started).isEmpty();
        store.setPaused(id, false, time.instant());
        runFor(Duration.ofSeconds(20));

        assertThat(skips()).isEmpty();
        assertThat(runs.started).containsExactly("run-1");
    }
}
