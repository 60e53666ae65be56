package dev.faultline.orchestrator.schedule;

import dev.faultline.orchestrator.dispatch.EventPublisher;
import dev.faultline.orchestrator.metrics.OrchestratorMetrics;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one owner of schedules: what the REST API adds, lists, pauses, resumes and removes, the halt latch, and the
 * tick that turns them into runs ({@link ScheduleEngine}, every {@code faultline.schedules.tick}).
 */
@ApplicationScoped
public class Schedules {

    private static final Logger LOG = Logger.getLogger(Schedules.class);

    private final ScheduleStore store;
    private final Clock clock;
    private final ScheduleEngine engine;

    @Inject
    public Schedules(ScheduleStore store, ScheduledRuns runs, EventPublisher events, Clock clock,
            @ConfigProperty(name = "faultline.schedules.late-tolerance", defaultValue = "30s") Duration lateTolerance,
            OrchestratorMetrics metrics) {
        this.store = store;
        this.clock = clock;
        // Names this process in the occurrences it claims: which instance ran what.
        String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString()
                .substring(0, 8);
        this.engine = new ScheduleEngine(store, runs, events::publish, clock, lateTolerance, instance, metrics);
    }

    @Scheduled(identity = "faultline-schedules", every = "${faultline.schedules.tick}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTick() {
        engine.tick();
    }

    /** One pass over the schedules now; the timer calls it every tick, tests call it directly. */
    public void tick() {
        engine.tick();
    }

    public ScheduleView add(ScheduleRequest request, String createdBy) {
        Instant now = clock.instant();
        Schedule schedule = request.toSchedule("sch-" + UUID.randomUUID().toString().substring(0, 8), now, createdBy);
        StoredSchedule stored = new StoredSchedule(schedule, false, now, null);
        store.create(stored);
        LOG.infof("schedule %s added by %s: experiment %s (sha256 %s), cron '%s' in %s", schedule.id(), createdBy,
                schedule.experimentName(), schedule.experimentSha256(), schedule.timing().cron(),
                schedule.timing().zone());
        return view(stored, store.latch().orElse(null), true);
    }

    public List<ScheduleView> list() {
        HaltLatch latch = store.latch().orElse(null);
        return store.all().stream().sorted(java.util.Comparator.comparing(s -> s.schedule().createdAt()))
                .map(s -> view(s, latch, false)).toList();
    }

    public Optional<ScheduleView> find(String id) {
        return store.find(id).map(s -> view(s, store.latch().orElse(null), true));
    }

    public boolean remove(String id) {
        return store.delete(id);
    }

    public Optional<ScheduleView> pause(String id, boolean paused) {
        if (!store.setPaused(id, paused, clock.instant())) {
            return Optional.empty();
        }
        return find(id);
    }

    public List<OccurrenceRecord> occurrences(String id, int limit) {
        return store.occurrences(id, limit);
    }

    /**
     * The first step of a halt, without any I/O: this instance's schedules start nothing from now on. The halt then
     * sends its HaltAll, and {@link #storeLatch} makes the latch hold for every instance and across restarts.
     */
    public HaltLatch holdHere(String operator, String reason) {
        HaltLatch latch = new HaltLatch(operator, reason, clock.instant());
        engine.holdHere(latch);
        return latch;
    }

    /**
     * Stores the latch: no schedule of any instance starts a run until {@link #releaseLatch}. When the store fails
     * this instance keeps holding it in memory (until a resume here).
     *
     * @return whether it was stored
     */
    public boolean storeLatch(HaltLatch latch) {
        try {
            store.engage(latch);
        } catch (RuntimeException e) {
            LOG.errorf("the halt latch could not be stored (only this instance holds its schedules): %s",
                    e.getMessage());
            return false;
        }
        engine.holdHere(null);
        return true;
    }

    /** @return the latch that was released, if one was set */
    public Optional<HaltLatch> releaseLatch() {
        Optional<HaltLatch> latch = store.latch();
        engine.holdHere(null);
        store.release();
        return latch;
    }

    public Optional<HaltLatch> latch() {
        return store.latch();
    }

    /**
     * The latch that holds this instance's schedules: the stored one, else the one it holds in memory alone (a halt
     * whose latch could not be stored).
     */
    public Optional<HaltLatch> currentLatch() {
        return store.latch().or(engine::heldHere);
    }

    private ScheduleView view(StoredSchedule stored, HaltLatch latch, boolean withDocument) {
        Occurrence next = stored.paused() ? null
                : new OccurrenceCalendar(stored.id(), stored.schedule().timing())
                        .firstAfter(later(stored.coveredUntil(), clock.instant().minusMillis(1))).orElse(null);
        return ScheduleView.of(stored, next, latch, withDocument);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
