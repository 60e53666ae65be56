package dev.faultline.orchestrator.testing;

import dev.faultline.common.json.ChaosJson;
import dev.faultline.orchestrator.schedule.HaltLatch;
import dev.faultline.orchestrator.schedule.Occurrence;
import dev.faultline.orchestrator.schedule.OccurrenceRecord;
import dev.faultline.orchestrator.schedule.Schedule;
import dev.faultline.orchestrator.schedule.ScheduleStore;
import dev.faultline.orchestrator.schedule.Skip;
import dev.faultline.orchestrator.schedule.StoredSchedule;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schedule store of {@code *Test}s (the DynamoDB one has its IT). Schedules go through the JSON the DynamoDB store
 * writes; the claim has the same rule: only from absent or ANNOUNCED, for one caller.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class InMemoryScheduleStore implements ScheduleStore {

    private final Map<String, String> definitions = new ConcurrentHashMap<>();
    private final Map<String, StoredSchedule> schedules = new ConcurrentHashMap<>();
    private final Map<String, TreeMap<Instant, OccurrenceRecord>> occurrences = new ConcurrentHashMap<>();
    private volatile HaltLatch latch;

    @Override
    public synchronized void create(StoredSchedule schedule) {
        if (schedules.containsKey(schedule.id())) {
            throw new IllegalStateException("schedule " + schedule.id() + " exists");
        }
        definitions.put(schedule.id(), ChaosJson.write(schedule.schedule()));
        schedules.put(schedule.id(), schedule);
    }

    @Override
    public List<StoredSchedule> all() {
        return schedules.keySet().stream().map(this::find).flatMap(Optional::stream).toList();
    }

    @Override
    public Optional<StoredSchedule> find(String id) {
        StoredSchedule stored = schedules.get(id);
        if (stored == null) {
            return Optional.empty();
        }
        try {
            Schedule schedule = ChaosJson.read(definitions.get(id), Schedule.class);
            return Optional.of(new StoredSchedule(schedule, stored.paused(), stored.coveredUntil(),
                    stored.lastRunId()));
        } catch (Exception e) {
            throw new AssertionError("a stored schedule does not read back: " + definitions.get(id), e);
        }
    }

    @Override
    public synchronized boolean delete(String id) {
        definitions.remove(id);
        return schedules.remove(id) != null;
    }

    @Override
    public synchronized boolean setPaused(String id, boolean paused, Instant now) {
        StoredSchedule s = schedules.get(id);
        if (s == null) {
            return false;
        }
        schedules.put(id, new StoredSchedule(s.schedule(), paused, paused ? s.coveredUntil() : now, s.lastRunId()));
        return true;
    }

    @Override
    public synchronized void advance(String id, Instant coveredUntil) {
        StoredSchedule s = schedules.get(id);
        if (s != null && s.coveredUntil().isBefore(coveredUntil)) {
            schedules.put(id, new StoredSchedule(s.schedule(), s.paused(), coveredUntil, s.lastRunId()));
        }
    }

    @Override
    public synchronized void lastRun(String id, String runId) {
        StoredSchedule s = schedules.get(id);
        if (s != null) {
            schedules.put(id, new StoredSchedule(s.schedule(), s.paused(), s.coveredUntil(), runId));
        }
    }

    @Override
    public synchronized boolean announce(Occurrence o, String instance, Instant now) {
        if (record(o).isPresent()) {
            return false;
        }
        put(o, OccurrenceRecord.State.ANNOUNCED, null, null, instance, now);
        return true;
    }

    @Override
    public synchronized boolean claim(Occurrence o, String instance, Instant now) {
        Optional<OccurrenceRecord> existing = record(o);
        if (existing.isPresent() && existing.get().state() != OccurrenceRecord.State.ANNOUNCED) {
            return false;
        }
        put(o, OccurrenceRecord.State.CLAIMED, null, null, instance, now);
        return true;
    }

    @Override
    public synchronized void settle(Occurrence o, String runId, Skip skip, Instant now) {
        String instance = record(o).map(OccurrenceRecord::instance).orElse(null);
        put(o, skip == null ? OccurrenceRecord.State.STARTED : OccurrenceRecord.State.SKIPPED, runId, skip, instance,
                now);
    }

    @Override
    public List<OccurrenceRecord> occurrences(String scheduleId, int limit) {
        TreeMap<Instant, OccurrenceRecord> of = occurrences.getOrDefault(scheduleId, new TreeMap<>());
        synchronized (this) {
            return of.descendingMap().values().stream().limit(limit).toList();
        }
    }

    /** Every occurrence of the schedule, oldest first. */
    public List<OccurrenceRecord> history(String scheduleId) {
        return occurrences(scheduleId, Integer.MAX_VALUE).stream()
                .sorted(Comparator.comparing(OccurrenceRecord::occurrence)).toList();
    }

    @Override
    public Optional<HaltLatch> latch() {
        return Optional.ofNullable(latch);
    }

    @Override
    public void engage(HaltLatch latch) {
        this.latch = latch;
    }

    @Override
    public boolean release() {
        boolean was = latch != null;
        latch = null;
        return was;
    }

    @Override
    public String describe() {
        return "memory";
    }

    /** Forgets everything: tests of one Quarkus application share this bean. */
    public synchronized void clear() {
        definitions.clear();
        schedules.clear();
        occurrences.clear();
        latch = null;
    }

    private Optional<OccurrenceRecord> record(Occurrence o) {
        return Optional.ofNullable(occurrences.getOrDefault(o.scheduleId(), new TreeMap<>()).get(o.occurrence()));
    }

    private void put(Occurrence o, OccurrenceRecord.State state, String runId, Skip skip, String instance,
            Instant now) {
        occurrences.computeIfAbsent(o.scheduleId(), k -> new TreeMap<>()).put(o.occurrence(), new OccurrenceRecord(
                o.scheduleId(), o.occurrence(), o.startAt(), state, runId, skip == null ? null : skip.reason().code(),
                skip == null ? null : skip.text(), instance, now));
    }
}
