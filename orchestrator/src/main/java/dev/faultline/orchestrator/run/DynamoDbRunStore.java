package dev.faultline.orchestrator.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.run.RunState;
import dev.faultline.dynamodb.LifecycleCondition;
import dev.faultline.dynamodb.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The orchestrator's runs in a DynamoDB table of their own (hash key {@code runId}), one item per run rewritten at
 * every transition: the run's state, when it ended, and the experiment with the run's view as JSON (a {@link Run}
 * cannot be rebuilt without its experiment). A write is conditional on the shared lifecycle: it may repeat the stored
 * state or move it on ({@link RunState#allowedFrom()}), never back, so a stale writer cannot revive an ended run. No
 * TTL or streams (dynalite has none): ended runs past the retention are deleted when the runs are loaded.
 */
public final class DynamoDbRunStore implements RunStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynamoDbRunStore.class);
    static final String RUN_ID = "runId";
    static final String STATE = "state";
    private static final String ENDED_AT = "endedAt";
    private static final String ENTRY = "entry";

    /** What a run's item holds as JSON: the experiment and the run's view. */
    public record Entry(Experiment experiment, RunView view) {

        /** The run as it was when this entry was written. */
        public Run toRun() {
            return Run.restore(experiment, view);
        }
    }

    private final DynamoDbClient client;
    private final String table;
    private final Duration retention;

    private DynamoDbRunStore(DynamoDbClient client, String table, Duration retention) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, was " + retention);
        }
        this.client = client;
        this.table = table;
        this.retention = retention;
    }

    /**
     * The store on {@code table}, created (on-demand billing) when absent and awaited until ACTIVE; an existing table
     * is used as it is. Takes ownership of the client.
     */
    public static DynamoDbRunStore open(DynamoDbClient client, String table, Duration retention) {
        DynamoDbRunStore store = new DynamoDbRunStore(client, table, retention);
        try {
            store.ensureTable();
        } catch (SdkException e) {
            client.close();
            throw new RunStoreException("cannot open the run table " + table + ": " + e.getMessage(), e);
        }
        return store;
    }

    @Override
    public void save(Run run) {
        RunView view = run.view();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(RUN_ID, s(run.id()));
        item.put(STATE, s(view.state().name()));
        if (view.endedAt() != null) {
            item.put(ENDED_AT, s(view.endedAt().toString()));
        }
        item.put(ENTRY, s(ChaosJson.write(new Entry(run.experiment(), view))));
        Map<String, AttributeValue> values = new HashMap<>();
        String condition = stateCondition(view.state(), values);
        try {
            client.putItem(b -> b.tableName(table).item(item).conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#state", STATE)).expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            // Another writer moved the run further; its state stands, as the lifecycle says.
            LOG.warnf("run %s: not stored as %s, the table has it further on already", run.id(), view.state());
        } catch (SdkException e) {
            throw new RunStoreException("could not store run " + run.id() + " in " + table + ": " + e.getMessage(), e);
        }
    }

    /** The stored state must be absent, the same, or one from which {@code state} may be reached. */
    static String stateCondition(RunState state, Map<String, AttributeValue> values) {
        Set<RunState> from = EnumSet.of(state);
        from.addAll(state.allowedFrom());
        return LifecycleCondition.stateAbsentOrIn(from, values);
    }

    @Override
    public List<Run> load(Instant now) {
        List<Run> runs = new ArrayList<>();
        try {
            client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(item -> {
                String runId = item.get(RUN_ID).s();
                Entry entry;
                try {
                    entry = ChaosJson.read(item.get(ENTRY).s(), Entry.class);
                } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
                    LOG.warnf("run table %s: run %s cannot be read (%s); left out", table, runId, e.getMessage());
                    return;
                }
                RunView view = entry.view();
                if (view.state().terminal() && view.endedAt() != null
                        && view.endedAt().plus(retention).isBefore(now)) {
                    delete(runId);
                    return;
                }
                runs.add(entry.toRun());
            });
        } catch (SdkException e) {
            throw new RunStoreException("could not read the run table " + table + ": " + e.getMessage(), e);
        }
        return runs;
    }

    @Override
    public String describe() {
        return "DynamoDB table " + table;
    }

    @Override
    public void close() {
        client.close();
    }

    private void delete(String runId) {
        try {
            client.deleteItem(b -> b.tableName(table).key(Map.of(RUN_ID, s(runId))));
        } catch (SdkException e) {
            LOG.warnf("run table %s: could not delete the expired run %s: %s", table, runId, e.getMessage());
        }
    }

    private void ensureTable() {
        Tables.ensure(client, table, Tables.partitionKey(RUN_ID));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
