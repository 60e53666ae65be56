package dev.faultline.orchestrator.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.dynamodb.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Schedules and their occurrences in two DynamoDB tables of the orchestrator's own:
 * <ul>
 * <li>schedules (hash key {@code scheduleId}): the schedule as JSON ({@code entry}), {@code paused},
 * {@code coveredUntil} (epoch millis, only ever moved forward by a conditional update) and {@code lastRunId}; the halt
 * latch is one more item there, under the key {@value #LATCH_KEY}, which no schedule id can take;</li>
 * <li>occurrences (hash key {@code scheduleId}, range key {@code occurrence}, the ISO-8601 cron instant): one item per
 * occurrence handled, whose {@code state} moves ANNOUNCED → CLAIMED → STARTED | SKIPPED. The claim is an update
 * conditional on the state being absent or ANNOUNCED, which DynamoDB applies atomically: of any number of instances
 * racing for an occurrence, exactly one wins it.</li>
 * </ul>
 */
public final class DynamoDbScheduleStore implements ScheduleStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynamoDbScheduleStore.class);
    static final String SCHEDULE_ID = "scheduleId";
    static final String OCCURRENCE = "occurrence";
    static final String LATCH_KEY = "#halt-latch";
    private static final String ENTRY = "entry";
    private static final String PAUSED = "paused";
    private static final String COVERED_UNTIL = "coveredUntil";
    private static final String LAST_RUN_ID = "lastRunId";
    private static final String STATE = "state";

    private final DynamoDbClient client;
    private final String schedules;
    private final String occurrences;

    private DynamoDbScheduleStore(DynamoDbClient client, String schedules, String occurrences) {
        this.client = client;
        this.schedules = schedules;
        this.occurrences = occurrences;
    }

    /** The store on these tables, created (on-demand) when absent. Takes ownership of the client. */
    public static DynamoDbScheduleStore open(DynamoDbClient client, String schedulesTable, String occurrencesTable) {
        DynamoDbScheduleStore store = new DynamoDbScheduleStore(client, schedulesTable, occurrencesTable);
        try {
            Tables.ensure(client, schedulesTable, Tables.partitionKey(SCHEDULE_ID));
            Tables.ensure(client, occurrencesTable, Tables.partitionKey(SCHEDULE_ID), Tables.sortKey(OCCURRENCE));
        } catch (SdkException e) {
            client.close();
            throw new ScheduleStoreException("cannot open the schedule tables " + schedulesTable + ", "
                    + occurrencesTable + ": " + e.getMessage(), e);
        }
        return store;
    }

    @Override
    public void create(StoredSchedule stored) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(SCHEDULE_ID, s(stored.id()));
        item.put(ENTRY, s(ChaosJson.write(stored.schedule())));
        item.put(PAUSED, AttributeValue.builder().bool(stored.paused()).build());
        item.put(COVERED_UNTIL, n(stored.coveredUntil().toEpochMilli()));
        call("create schedule " + stored.id(), () -> client.putItem(b -> b.tableName(schedules).item(item)
                .conditionExpression("attribute_not_exists(" + SCHEDULE_ID + ")")));
    }

    @Override
    public List<StoredSchedule> all() {
        List<StoredSchedule> all = new ArrayList<>();
        call("read the schedules", () -> {
            client.scanPaginator(b -> b.tableName(schedules).consistentRead(true)).items().forEach(item -> {
                if (!LATCH_KEY.equals(item.get(SCHEDULE_ID).s())) {
                    read(item).ifPresent(all::add);
                }
            });
            return null;
        });
        return all;
    }

    @Override
    public Optional<StoredSchedule> find(String id) {
        if (LATCH_KEY.equals(id)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = call("read schedule " + id, () -> client.getItem(b -> b.tableName(schedules)
                .key(Map.of(SCHEDULE_ID, s(id))).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : read(item);
    }

    @Override
    public boolean delete(String id) {
        if (LATCH_KEY.equals(id)) {
            return false;
        }
        Map<String, AttributeValue> old = call("delete schedule " + id, () -> client.deleteItem(b -> b
                .tableName(schedules).key(Map.of(SCHEDULE_ID, s(id))).returnValues(ReturnValue.ALL_OLD)).attributes());
        return old != null && !old.isEmpty();
    }

    @Override
    public boolean setPaused(String id, boolean paused, Instant now) {
        if (LATCH_KEY.equals(id)) {
            return false;
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", AttributeValue.builder().bool(paused).build());
        String update = "SET " + PAUSED + " = :p";
        if (!paused) {
            values.put(":c", n(now.toEpochMilli()));
            update += ", " + COVERED_UNTIL + " = :c";
        }
        String expression = update;
        try {
            call("pause or resume schedule " + id, () -> client.updateItem(b -> b.tableName(schedules)
                    .key(Map.of(SCHEDULE_ID, s(id))).updateExpression(expression).expressionAttributeValues(values)
                    .conditionExpression("attribute_exists(" + SCHEDULE_ID + ")")));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void advance(String id, Instant coveredUntil) {
        try {
            call("advance schedule " + id, () -> client.updateItem(b -> b.tableName(schedules)
                    .key(Map.of(SCHEDULE_ID, s(id)))
                    .updateExpression("SET " + COVERED_UNTIL + " = :c")
                    .conditionExpression("attribute_exists(" + SCHEDULE_ID + ") AND " + COVERED_UNTIL + " < :c")
                    .expressionAttributeValues(Map.of(":c", n(coveredUntil.toEpochMilli())))));
        } catch (ConditionalCheckFailedException e) {
            // Another instance got further, or the schedule was removed: either way nothing to move.
        }
    }

    @Override
    public void lastRun(String id, String runId) {
        try {
            call("record the run of schedule " + id, () -> client.updateItem(b -> b.tableName(schedules)
                    .key(Map.of(SCHEDULE_ID, s(id))).updateExpression("SET " + LAST_RUN_ID + " = :r")
                    .conditionExpression("attribute_exists(" + SCHEDULE_ID + ")")
                    .expressionAttributeValues(Map.of(":r", s(runId)))));
        } catch (ConditionalCheckFailedException e) {
            // removed meanwhile
        }
    }

    @Override
    public boolean announce(Occurrence occurrence, String instance, Instant now) {
        Map<String, AttributeValue> item = occurrenceKey(occurrence);
        item.put("startAt", s(occurrence.startAt().toString()));
        item.put(STATE, s(OccurrenceRecord.State.ANNOUNCED.name()));
        item.put("instance", s(instance));
        item.put("updatedAt", s(now.toString()));
        try {
            call("announce " + occurrence, () -> client.putItem(b -> b.tableName(occurrences).item(item)
                    .conditionExpression("attribute_not_exists(" + OCCURRENCE + ")")));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean claim(Occurrence occurrence, String instance, Instant now) {
        try {
            call("claim " + occurrence, () -> client.updateItem(b -> b.tableName(occurrences)
                    .key(occurrenceKey(occurrence))
                    .updateExpression(
                            "SET #state = :claimed, startAt = :start, #instance = :instance, updatedAt = :now")
                    .conditionExpression("attribute_not_exists(#state) OR #state = :announced")
                    .expressionAttributeNames(Map.of("#state", STATE, "#instance", "instance"))
                    .expressionAttributeValues(Map.of(
                            ":claimed", s(OccurrenceRecord.State.CLAIMED.name()),
                            ":announced", s(OccurrenceRecord.State.ANNOUNCED.name()),
                            ":start", s(occurrence.startAt().toString()),
                            ":instance", s(instance),
                            ":now", s(now.toString())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void settle(Occurrence occurrence, String runId, Skip skip, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", s(now.toString()));
        String update;
        if (skip == null) {
            values.put(":state", s(OccurrenceRecord.State.STARTED.name()));
            values.put(":run", s(runId));
            update = "SET #state = :state, runId = :run, updatedAt = :now";
        } else {
            values.put(":state", s(OccurrenceRecord.State.SKIPPED.name()));
            values.put(":code", s(skip.reason().code()));
            values.put(":reason", s(skip.text()));
            update = "SET #state = :state, reasonCode = :code, reason = :reason, updatedAt = :now";
        }
        call("settle " + occurrence, () -> client.updateItem(b -> b.tableName(occurrences)
                .key(occurrenceKey(occurrence)).updateExpression(update)
                .expressionAttributeNames(Map.of("#state", STATE)).expressionAttributeValues(values)));
    }

    @Override
    public List<OccurrenceRecord> occurrences(String scheduleId, int limit) {
        return call("read the occurrences of " + scheduleId, () -> client.query(b -> b.tableName(occurrences)
                .keyConditionExpression(SCHEDULE_ID + " = :id")
                .expressionAttributeValues(Map.of(":id", s(scheduleId)))
                .scanIndexForward(false).limit(limit).consistentRead(true)).items().stream()
                .map(DynamoDbScheduleStore::occurrenceRecord).toList());
    }

    @Override
    public Optional<HaltLatch> latch() {
        Map<String, AttributeValue> item = call("read the halt latch", () -> client.getItem(b -> b
                .tableName(schedules).key(Map.of(SCHEDULE_ID, s(LATCH_KEY))).consistentRead(true)).item());
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ChaosJson.read(item.get(ENTRY).s(), HaltLatch.class));
        } catch (JsonProcessingException | NullPointerException e) {
            // A latch that cannot be read still holds: halted is the safe reading.
            return Optional.of(new HaltLatch("unknown", "unreadable halt latch: " + e.getMessage(), Instant.EPOCH));
        }
    }

    @Override
    public void engage(HaltLatch latch) {
        call("engage the halt latch", () -> client.putItem(b -> b.tableName(schedules).item(Map.of(
                SCHEDULE_ID, s(LATCH_KEY), ENTRY, s(ChaosJson.write(latch))))));
    }

    @Override
    public boolean release() {
        Map<String, AttributeValue> old = call("release the halt latch", () -> client.deleteItem(b -> b
                .tableName(schedules).key(Map.of(SCHEDULE_ID, s(LATCH_KEY))).returnValues(ReturnValue.ALL_OLD))
                .attributes());
        return old != null && !old.isEmpty();
    }

    @Override
    public String describe() {
        return "DynamoDB tables " + schedules + " and " + occurrences;
    }

    @Override
    public void close() {
        client.close();
    }

    private Optional<StoredSchedule> read(Map<String, AttributeValue> item) {
        String id = item.get(SCHEDULE_ID).s();
        try {
            Schedule schedule = ChaosJson.read(item.get(ENTRY).s(), Schedule.class);
            boolean paused = item.containsKey(PAUSED) && Boolean.TRUE.equals(item.get(PAUSED).bool());
            Instant coveredUntil = Instant.ofEpochMilli(Long.parseLong(item.get(COVERED_UNTIL).n()));
            String lastRunId = item.containsKey(LAST_RUN_ID) ? item.get(LAST_RUN_ID).s() : null;
            return Optional.of(new StoredSchedule(schedule, paused, coveredUntil, lastRunId));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("schedule table %s: schedule %s cannot be read (%s); left out", schedules, id, e.getMessage());
            return Optional.empty();
        }
    }

    private static OccurrenceRecord occurrenceRecord(Map<String, AttributeValue> item) {
        return new OccurrenceRecord(item.get(SCHEDULE_ID).s(), Instant.parse(item.get(OCCURRENCE).s()),
                instant(item, "startAt"), OccurrenceRecord.State.valueOf(item.get(STATE).s()), text(item, "runId"),
                text(item, "reasonCode"), text(item, "reason"), text(item, "instance"), instant(item, "updatedAt"));
    }

    private static Map<String, AttributeValue> occurrenceKey(Occurrence occurrence) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(SCHEDULE_ID, s(occurrence.scheduleId()));
        key.put(OCCURRENCE, s(occurrence.key()));
        return key;
    }

    /** Runs a call, turning the SDK's failures (but not a failed condition, which callers handle) into ours. */
    private <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            throw new ScheduleStoreException("could not " + what + " in " + describe() + ": " + e.getMessage(), e);
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).s() : null;
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Instant.parse(item.get(name).s()) : null;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
