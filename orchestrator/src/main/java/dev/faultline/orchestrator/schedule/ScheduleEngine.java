package dev.faultline.orchestrator.schedule;

import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.RunScheduled;
import dev.faultline.common.event.RunSkipped;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.ExperimentParser;
import dev.faultline.orchestrator.metrics.OrchestratorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Turns schedules into runs, one {@link #tick} at a time (every second in a running orchestrator, by hand in tests).
 * For each schedule that is not paused, a tick:
 * <ol>
 * <li>lists the occurrences whose start has come since the schedule's {@code coveredUntil} and splits them by the
 * missed-occurrence rule ({@link PastDue}): the missed ones are claimed and recorded as skipped;</li>
 * <li>claims the due one, if any (only one instance wins it), checks the guards ({@link Guards}) and either starts
 * the run through {@link ScheduledRuns#start} or records the skip, each published on {@code chaos-events}
 * ({@code run-skipped});</li>
 * <li>announces the next occurrence ({@code run-scheduled}) once its announce time has come.</li>
 * </ol>
 * A failure of one schedule is logged and does not stop the others.
 */
public final class ScheduleEngine {

    private static final Logger LOG = Logger.getLogger(ScheduleEngine.class);
    /** Occurrences looked at per schedule and tick; a longer backlog is worked off over the next ticks. */
    static final int MAX_PAST_DUE_PER_TICK = 10_000;
    /** Missed occurrences recorded one by one per tick; earlier ones are counted (see {@link PastDue}). */
    static final int MAX_MISSED_RECORDED = 20;

    private final ScheduleStore store;
    private final ScheduledRuns runs;
    private final Consumer<ChaosEvent> events;
    private final Clock clock;
    private final Duration lateTolerance;
    private final String instance;
    private final ExperimentParser parser = new ExperimentParser();
    /**
     * A halt latch held in memory until the store has it: a halt must not wait for the store before its HaltAll goes
     * out, and no schedule of this instance may start a run meanwhile.
     */
    private volatile HaltLatch heldHere;
    /**
     * Each schedule's first occurrence after its {@code coveredUntil}, as last computed: it changes only when
     * {@code coveredUntil} does, so a tick does not compute it again every second.
     */
    private final Map<String, Upcoming> upcoming = new ConcurrentHashMap<>();

    private record Upcoming(Instant after, Optional<Occurrence> next) {
    }

    /** Occurrences this instance announced (or found announced), so a tick does not write the claim again. */
    private final Set<String> announced = ConcurrentHashMap.newKeySet();

    private final OrchestratorMetrics metrics;

    /** An engine whose occurrences are counted in meters nobody scrapes (tests). */
    public ScheduleEngine(ScheduleStore store, ScheduledRuns runs, Consumer<ChaosEvent> events, Clock clock,
            Duration lateTolerance, String instance) {
        this(store, runs, events, clock, lateTolerance, instance, OrchestratorMetrics.discarding());
    }

    public ScheduleEngine(ScheduleStore store, ScheduledRuns runs, Consumer<ChaosEvent> events, Clock clock,
            Duration lateTolerance, String instance, OrchestratorMetrics metrics) {
        this.metrics = metrics;
        if (lateTolerance.isNegative() || lateTolerance.isZero()) {
            throw new IllegalArgumentException("the late tolerance must be positive, was " + lateTolerance);
        }
        this.store = store;
        this.runs = runs;
        this.events = events;
        this.clock = clock;
        this.lateTolerance = lateTolerance;
        this.instance = instance;
    }

    public synchronized void tick() {
        Instant now = clock.instant();
        Optional<HaltLatch> latch;
        List<StoredSchedule> schedules;
        try {
            latch = store.latch().or(this::heldHere);
            schedules = store.all();
        } catch (ScheduleStore.ScheduleStoreException e) {
            // Without the store no claim can be made: nothing may start, the next tick tries again.
            LOG.errorf("schedules not checked: %s", e.getMessage());
            return;
        }
        // Forget what belonged to removed schedules.
        Set<String> ids = new java.util.HashSet<>(schedules.stream().map(StoredSchedule::id).toList());
        upcoming.keySet().retainAll(ids);
        announced.removeIf(key -> !ids.contains(key.substring(0, key.indexOf('|'))));
        for (StoredSchedule schedule : schedules) {
            if (schedule.paused()) {
                continue;
            }
            try {
                tick(schedule, now, latch);
            } catch (RuntimeException e) {
                LOG.errorf(e, "schedule %s: tick failed", schedule.id());
            }
        }
    }

    /** Holds (a latch) or stops holding ({@code null}) this instance's schedules, whatever the store says. */
    public void holdHere(HaltLatch latch) {
        heldHere = latch;
    }

    /** The latch this instance holds in memory alone (a halt whose latch could not be stored yet, or at all). */
    public Optional<HaltLatch> heldHere() {
        return Optional.ofNullable(heldHere);
    }

    private void tick(StoredSchedule stored, Instant now, Optional<HaltLatch> latch) {
        Schedule schedule = stored.schedule();
        OccurrenceCalendar calendar = new OccurrenceCalendar(schedule.id(), schedule.timing());
        List<Occurrence> startedByNow = new ArrayList<>();
        Instant cursor = stored.coveredUntil();
        Upcoming cached = upcoming.get(schedule.id());
        Optional<Occurrence> next = cached != null && cached.after().equals(cursor) ? cached.next()
                : calendar.firstAfter(cursor);
        upcoming.put(schedule.id(), new Upcoming(cursor, next));
        while (next.isPresent() && !next.get().startAt().isAfter(now)
                && startedByNow.size() < MAX_PAST_DUE_PER_TICK) {
            startedByNow.add(next.get());
            cursor = next.get().occurrence();
            next = calendar.firstAfter(cursor);
        }
        PastDue pastDue = PastDue.of(startedByNow, now, lateTolerance, MAX_MISSED_RECORDED);
        for (int i = 0; i < pastDue.missed().size(); i++) {
            String text = i == 0 && pastDue.notRecorded() > 0
                    ? Skip.MISSED_TEXT + " (and " + pastDue.notRecorded() + " earlier occurrence(s) since "
                            + startedByNow.get(0).occurrence() + ")"
                    : Skip.MISSED_TEXT;
            Occurrence missed = pastDue.missed().get(i);
            if (store.claim(missed, instance, now)) {
                skip(schedule, missed, Skip.of(SkipReason.MISSED, text), now);
            }
        }
        pastDue.due().ifPresent(due -> handle(stored, due, latch, now));
        if (!startedByNow.isEmpty()) {
            store.advance(schedule.id(), cursor);
            startedByNow.forEach(o -> announced.remove(announcementKey(o)));
        }
        next.ifPresent(upcoming -> announceWhenDue(schedule, upcoming, now));
    }

    /** The due occurrence: claimed by one instance, guarded, then run or skipped. */
    private void handle(StoredSchedule stored, Occurrence due, Optional<HaltLatch> latch, Instant now) {
        Schedule schedule = stored.schedule();
        if (!store.claim(due, instance, now)) {
            LOG.debugf("schedule %s: occurrence %s claimed by another instance", schedule.id(), due.occurrence());
            return;
        }
        Optional<String> activeRun = Optional.ofNullable(stored.lastRunId()).filter(runs::active);
        Optional<Skip> skip = Guards.beforePrecheck(latch, activeRun);
        if (skip.isPresent()) {
            skip(schedule, due, skip.get(), now);
            return;
        }
        Experiment experiment;
        try {
            experiment = parser.parse(schedule.experimentDocument(), schedule.experimentFormat());
        } catch (RuntimeException e) {
            skip(schedule, due, Skip.of(SkipReason.NOT_STARTABLE, "the stored experiment does not parse any more: "
                    + e.getMessage()), now);
            return;
        }
        skip = runs.precheck(experiment);
        if (skip.isPresent()) {
            skip(schedule, due, skip.get(), now);
            return;
        }
        String runId;
        try {
            runId = runs.start(schedule, experiment);
        } catch (RuntimeException e) {
            skip(schedule, due, Guards.fromRefusal(e), clock.instant());
            return;
        }
        LOG.infof("schedule %s: occurrence %s started run %s", schedule.id(), due.occurrence(), runId);
        store.settle(due, runId, null, clock.instant());
        store.lastRun(schedule.id(), runId);
        metrics.occurrenceRun();
    }

    private void skip(Schedule schedule, Occurrence occurrence, Skip skip, Instant now) {
        LOG.warnf("schedule %s: occurrence %s skipped: %s", schedule.id(), occurrence.occurrence(), skip.text());
        store.settle(occurrence, null, skip, now);
        metrics.occurrenceSkipped(skip.reason().code());
        publish(RunSkipped.of(schedule.id(), schedule.experimentName(), schedule.experimentSha256(),
                occurrence.occurrence(), skip.reason().code(), skip.text(), schedule.alertOn(), now));
    }

    private void announceWhenDue(Schedule schedule, Occurrence upcoming, Instant now) {
        if (schedule.timing().announceAhead().isZero() || upcoming.announceAt().isAfter(now)
                || !announced.add(announcementKey(upcoming))) {
            return;
        }
        if (store.announce(upcoming, instance, now)) {
            LOG.infof("schedule %s: occurrence %s announced, starting at %s", schedule.id(), upcoming.occurrence(),
                    upcoming.startAt());
            publish(RunScheduled.of(schedule.id(), schedule.experimentName(), schedule.experimentSha256(),
                    upcoming.occurrence(), upcoming.startAt(), now));
        }
    }

    /** A lost event is logged: the occurrence's record in the store is what counts. */
    private void publish(ChaosEvent event) {
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            LOG.errorf("could not publish %s for schedule %s: %s", event.getClass().getSimpleName(), event.key(),
                    e.getMessage());
        }
    }

    private static String announcementKey(Occurrence occurrence) {
        return occurrence.scheduleId() + "|" + occurrence.key();
    }
}
