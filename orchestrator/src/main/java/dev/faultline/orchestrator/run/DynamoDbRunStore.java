package dev.faultline.orchestrator.run;

import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.run.RunState;
import dev.faultline.dynamodb.LifecycleCondition;
import dev.faultline.dynamodb.Tables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The orchestrator's runs in a DynamoDB table of their own (hash key {@code runId}), one item per run rewritten at
 * every transition: the run's state, when it ended, and the experiment with the run's view as JSON (a {@link Run}
 * cannot be rebuilt without its experiment; gzipped above {@link #COMPRESS_ABOVE}, as a run of many targets is
 * larger than an item may be). A write is conditional on the shared lifecycle: it may repeat the stored
 * state or move it on ({@link RunState#allowedFrom()}), never back, so a stale writer cannot revive an ended run.
 *
 * <p>The history is read by Query, never by Scan, through three global secondary indexes (projection ALL), each
 * sorted by {@code createdAt} (fixed-width ISO-8601 text, so text order is time order):
 * <ul>
 * <li>{@value #BY_EXPERIMENT}: hash {@code experimentName}, one experiment's runs (the filter and the trend);</li>
 * <li>{@value #BY_CREATED}: hash {@code listing}, the same value on every item, all runs in one ordered partition
 *     (runs come minutes apart, far below one partition's write rate);</li>
 * <li>{@value #ACTIVE}: hash {@code active}, present only while a run has not ended: a sparse index, so the runs a
 *     restart must take back are read without reading the history.</li>
 * </ul>
 * Verdict and state filters are filter expressions on those queries. A table created before the indexes existed gets
 * them at start-up: items written before get the index attributes (one Scan), then the indexes come by UpdateTable,
 * or, where the server does not add indexes that way (dynalite), by rebuilding the table through a copy (see
 * {@link #rebuild}). No TTL (dynalite
 * has none): ended runs past the retention are deleted at start-up.
 */
public final class DynamoDbRunStore implements RunStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynamoDbRunStore.class);
    static final String RUN_ID = "runId";
    static final String STATE = "state";
    private static final String ENDED_AT = "endedAt";
    private static final String ENTRY = "entry";
    /** The entry's JSON gzipped, instead of {@link #ENTRY}, when that is longer than {@link #COMPRESS_ABOVE}. */
    private static final String ENTRY_GZIP = "entryGzip";
    /**
     * DynamoDB refuses items over 400 KB. A run's entry grows with its faults (each planned fault, its FaultInjected
     * and FaultReverted are about 1.5 KB of JSON together): a run of 1000 targets is ~1.5 MB of JSON, ~100 KB gzipped
     * (bench/scale.sh, docs/scaling.md). Small runs stay plain text, readable in the table as before.
     */
    static final int COMPRESS_ABOVE = 64 * 1024;
    static final String EXPERIMENT = "experimentName";
    static final String CREATED_AT = "createdAt";
    static final String VERDICT = "verdict";
    static final String LISTING = "listing";
    static final String ACTIVE_KEY = "active";
    /** The one value of {@link #LISTING} and {@link #ACTIVE_KEY}. */
    private static final String RUN = "run";
    static final String BY_EXPERIMENT = "runs-by-experiment";
    static final String BY_CREATED = "runs-by-created";
    static final String ACTIVE = "active-runs";
    private static final List<String> INDEXES = List.of(BY_EXPERIMENT, BY_CREATED, ACTIVE);
    /** Nanosecond digits always: {@code Instant.toString()} drops zeros, and "10:00:00Z" would sort after "10:00:00.5Z". */
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'")
            .withZone(ZoneOffset.UTC);
    /** Items read per Query call while filters drop some: enough for a page, small enough to stay cheap. */
    private static final int QUERY_BATCH = 100;

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
     * The store on {@code table}, created (on-demand billing, with its indexes) when absent and awaited until ACTIVE;
     * an existing table gets the indexes it lacks. Takes ownership of the client.
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
        Map<String, AttributeValue> item = item(new Entry(run.experiment(), view));
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

    /** The item of a run: the entry and the attributes its indexes and filters read. */
    static Map<String, AttributeValue> item(Entry entry) {
        RunView view = entry.view();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(RUN_ID, s(view.runId()));
        item.put(STATE, s(view.state().name()));
        item.put(EXPERIMENT, s(view.experimentName()));
        item.put(CREATED_AT, s(sortable(view.createdAt())));
        item.put(LISTING, s(RUN));
        if (!view.state().terminal()) {
            item.put(ACTIVE_KEY, s(RUN));
        }
        if (view.verdict() != null) {
            item.put(VERDICT, s(view.verdict().verdict().name()));
        }
        if (view.endedAt() != null) {
            item.put(ENDED_AT, s(view.endedAt().toString()));
        }
        String json = ChaosJson.write(entry);
        if (json.length() > COMPRESS_ABOVE) {
            item.put(ENTRY_GZIP, AttributeValue.fromB(SdkBytes.fromByteArray(gzip(json))));
        } else {
            item.put(ENTRY, s(json));
        }
        return item;
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() / 8);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    /** The entry's JSON of an item, from {@link #ENTRY} or {@link #ENTRY_GZIP}. */
    static String entryJson(Map<String, AttributeValue> item) throws IOException {
        AttributeValue zipped = item.get(ENTRY_GZIP);
        if (zipped == null) {
            return item.get(ENTRY).s();
        }
        try (GZIPInputStream in = new GZIPInputStream(zipped.b().asInputStream())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String sortable(Instant instant) {
        return SORTABLE.format(instant);
    }

    /** The stored state must be absent, the same, or one from which {@code state} may be reached. */
    static String stateCondition(RunState state, Map<String, AttributeValue> values) {
        Set<RunState> from = EnumSet.of(state);
        from.addAll(state.allowedFrom());
        return LifecycleCondition.stateAbsentOrIn(from, values);
    }

    @Override
    public List<Run> loadActive(Instant now) {
        try {
            deleteExpired(now);
            List<Run> runs = new ArrayList<>();
            client.queryPaginator(b -> b.tableName(table).indexName(ACTIVE)
                    .keyConditionExpression("#key = :run")
                    .expressionAttributeNames(Map.of("#key", ACTIVE_KEY))
                    .expressionAttributeValues(Map.of(":run", s(RUN))))
                    .items().forEach(item -> read(item).ifPresent(runs::add));
            return runs;
        } catch (SdkException e) {
            throw new RunStoreException("could not read the run table " + table + ": " + e.getMessage(), e);
        }
    }

    /** Ended runs whose end lies before now minus the retention; they were created before it, too. */
    private void deleteExpired(Instant now) {
        Instant cutoff = now.minus(retention);
        client.queryPaginator(b -> b.tableName(table).indexName(BY_CREATED)
                .keyConditionExpression("#key = :run AND #created < :cutoff")
                .expressionAttributeNames(Map.of("#key", LISTING, "#created", CREATED_AT))
                .expressionAttributeValues(Map.of(":run", s(RUN), ":cutoff", s(sortable(cutoff)))))
                .items().forEach(item -> read(item).ifPresent(run -> {
                    RunView view = run.view();
                    if (view.state().terminal() && view.endedAt() != null && view.endedAt().isBefore(cutoff)) {
                        delete(run.id());
                    }
                }));
    }

    @Override
    public Optional<Run> find(String runId) {
        try {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of(RUN_ID, s(runId)))).item();
            return item == null || item.isEmpty() ? Optional.empty() : read(item);
        } catch (SdkException e) {
            throw new RunStoreException("could not read run " + runId + " from " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Queries the experiment's index (or, without an experiment, the listing of all runs) newest first from the page
     * token's run on, until the page is full plus one run: that one says whether a next page exists, so a last page
     * never hands out a token to an empty one.
     */
    @Override
    public RunPage list(RunQuery query) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#key", query.experiment() == null ? LISTING : EXPERIMENT);
        values.put(":key", s(query.experiment() == null ? RUN : query.experiment()));
        String keyCondition = "#key = :key";
        if (query.since() != null) {
            names.put("#created", CREATED_AT);
            keyCondition += " AND #created >= :since";
            values.put(":since", s(sortable(query.since())));
        }
        List<String> filters = new ArrayList<>();
        if (query.state() != null) {
            names.put("#state", STATE);
            values.put(":state", s(query.state().name()));
            filters.add("#state = :state");
        }
        if (query.verdict() != null) {
            names.put("#verdict", VERDICT);
            values.put(":verdict", s(query.verdict().name()));
            filters.add("#verdict = :verdict");
        }
        Map<String, AttributeValue> start = query.after() == null ? null : startKey(query);
        List<Run> found = new ArrayList<>();
        String condition = keyCondition;
        String filter = filters.isEmpty() ? null : String.join(" AND ", filters);
        try {
            do {
                int wanted = query.limit() + 1 - found.size();
                Map<String, AttributeValue> from = start;
                Consumer<QueryRequest.Builder> request = b -> b.tableName(table)
                        .indexName(query.experiment() == null ? BY_CREATED : BY_EXPERIMENT)
                        .keyConditionExpression(condition).filterExpression(filter)
                        .expressionAttributeNames(names).expressionAttributeValues(values)
                        .scanIndexForward(false).exclusiveStartKey(from)
                        .limit(filter == null ? wanted : Math.max(wanted, QUERY_BATCH));
                QueryResponse response = client.query(request);
                for (Map<String, AttributeValue> item : response.items()) {
                    if (found.size() <= query.limit()) {
                        read(item).ifPresent(found::add);
                    }
                }
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
            } while (found.size() <= query.limit() && start != null);
        } catch (SdkException e) {
            throw new RunStoreException("could not list the runs of " + table + ": " + e.getMessage(), e);
        }
        if (found.size() <= query.limit()) {
            return new RunPage(found, null);
        }
        List<Run> page = found.subList(0, query.limit());
        return new RunPage(page, PageToken.after(page.get(page.size() - 1).view()));
    }

    /** The index position after the token's run: its table key and the index's keys. */
    private static Map<String, AttributeValue> startKey(RunQuery query) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(RUN_ID, s(query.after().runId()));
        key.put(CREATED_AT, s(sortable(query.after().createdAt())));
        if (query.experiment() == null) {
            key.put(LISTING, s(RUN));
        } else {
            key.put(EXPERIMENT, s(query.experiment()));
        }
        return key;
    }

    private Optional<Run> read(Map<String, AttributeValue> item) {
        String runId = item.get(RUN_ID).s();
        try {
            return Optional.of(ChaosJson.read(entryJson(item), Entry.class).toRun());
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            LOG.warnf("run table %s: run %s cannot be read (%s); left out", table, runId, e.getMessage());
            return Optional.empty();
        }
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

    // ---- the table's layout: created with its indexes, or brought up to them ----

    private void ensureTable() {
        String copy = rebuildCopy();
        if (describeTable(copy).isPresent()) {
            finishInterruptedRebuild(copy);
        }
        Optional<TableDescription> existing = describeTable(table);
        if (existing.isEmpty()) {
            createWithIndexes(table);
            return;
        }
        List<String> missing = missingIndexes(existing.get());
        if (!missing.isEmpty()) {
            // Attributes first, indexes second: a crash in between leaves the indexes missing, so the next start
            // does both again, and an index never comes up without the items written before it.
            backfillIndexAttributes();
            addIndexes(missing);
        }
    }

    private Optional<TableDescription> describeTable(String name) {
        try {
            return Optional.of(client.describeTable(b -> b.tableName(name)).table());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static List<String> missingIndexes(TableDescription description) {
        Set<String> present = description.hasGlobalSecondaryIndexes()
                ? description.globalSecondaryIndexes().stream().map(GlobalSecondaryIndexDescription::indexName)
                        .collect(Collectors.toSet())
                : Set.of();
        return INDEXES.stream().filter(index -> !present.contains(index)).toList();
    }

    private void createWithIndexes(String name) {
        try {
            client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(Tables.partitionKey(RUN_ID))
                    .attributeDefinitions(attributes(RUN_ID, EXPERIMENT, CREATED_AT, LISTING, ACTIVE_KEY))
                    .globalSecondaryIndexes(index(BY_EXPERIMENT, EXPERIMENT), index(BY_CREATED, LISTING),
                            index(ACTIVE, ACTIVE_KEY)));
            LOG.infof("created DynamoDB table %s with the indexes %s", name, INDEXES);
        } catch (ResourceInUseException e) {
            LOG.debugf("table %s was created concurrently", name);
        }
        Tables.awaitActive(client, name);
        Tables.awaitIndexesActive(client, name);
    }

    private static GlobalSecondaryIndex index(String name, String hashKey) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(Tables.partitionKey(hashKey), Tables.sortKey(CREATED_AT))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static List<AttributeDefinition> attributes(String... names) {
        return java.util.Arrays.stream(names).map(n -> AttributeDefinition.builder().attributeName(n)
                .attributeType(ScalarAttributeType.S).build()).toList();
    }

    /**
     * UpdateTable, one index per call (DynamoDB's rule), each awaited until ACTIVE. A server that refuses the update
     * or answers it without adding the index (dynalite does) gets the table rebuilt instead.
     */
    private void addIndexes(List<String> missing) {
        for (String name : missing) {
            GlobalSecondaryIndex index = switch (name) {
                case BY_EXPERIMENT -> index(BY_EXPERIMENT, EXPERIMENT);
                case BY_CREATED -> index(BY_CREATED, LISTING);
                default -> index(ACTIVE, ACTIVE_KEY);
            };
            try {
                client.updateTable(b -> b.tableName(table)
                        .attributeDefinitions(attributes(index.keySchema().get(0).attributeName(), CREATED_AT))
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.indexName())
                                .keySchema(index.keySchema()).projection(index.projection()))));
            } catch (SdkException e) {
                LOG.warnf("run table %s: the server did not add index %s (%s); rebuilding the table", table, name,
                        e.getMessage());
                rebuild();
                return;
            }
            if (describeTable(table).map(DynamoDbRunStore::missingIndexes).orElse(INDEXES).contains(name)) {
                LOG.warnf("run table %s: the server accepted index %s but did not add it; rebuilding the table",
                        table, name);
                rebuild();
                return;
            }
            Tables.awaitIndexesActive(client, table);
            LOG.infof("run table %s: added index %s", table, name);
        }
    }

    private String rebuildCopy() {
        return table + "-rebuild";
    }

    /**
     * Copies every item to a plain table beside this one, drops this one, creates it again with the indexes and copies
     * the items back, then drops the copy. Each step can be repeated: a start-up after a crash in between finishes it
     * from the copy ({@link #finishInterruptedRebuild}). Run tables hold runs, not bulk data, so this takes moments.
     */
    private void rebuild() {
        String copy = rebuildCopy();
        Tables.ensure(client, copy, Tables.partitionKey(RUN_ID));
        copyItems(table, copy);
        dropTable(table);
        createWithIndexes(table);
        copyItems(copy, table);
        dropTable(copy);
        LOG.infof("run table %s: rebuilt with the indexes %s", table, INDEXES);
    }

    /** The copy exists only while a rebuild runs: a crash left it; finish from it, or start again if it is partial. */
    private void finishInterruptedRebuild(String copy) {
        Optional<TableDescription> current = describeTable(table);
        if (current.isPresent() && !missingIndexes(current.get()).isEmpty()) {
            // The crash came while copying to the copy: the table is whole; the rebuild starts over.
            dropTable(copy);
            return;
        }
        LOG.warnf("run table %s: finishing a rebuild that was interrupted, from %s", table, copy);
        if (current.isEmpty()) {
            createWithIndexes(table);
        }
        copyItems(copy, table);
        dropTable(copy);
    }

    private void copyItems(String from, String to) {
        client.scanPaginator(b -> b.tableName(from).consistentRead(true)).items()
                .forEach(item -> client.putItem(b -> b.tableName(to).item(item)));
    }

    private void dropTable(String name) {
        try {
            client.deleteTable(b -> b.tableName(name));
            Tables.awaitDeleted(client, name);
        } catch (ResourceNotFoundException e) {
            // gone already
        }
    }

    /**
     * Items written before the indexes existed lack their attributes and would be invisible to the history: they are
     * rewritten from their entry (the condition skips items a writer has rewritten meanwhile). Only while a table is
     * brought up to the indexes: the one Scan of the store.
     */
    private void backfillIndexAttributes() {
        client.scanPaginator(b -> b.tableName(table).consistentRead(true)
                .filterExpression("attribute_not_exists(#listing)")
                .expressionAttributeNames(Map.of("#listing", LISTING))).items().forEach(old -> {
                    Optional<Run> run = read(old);
                    if (run.isEmpty()) {
                        return;
                    }
                    Map<String, AttributeValue> item = item(new Entry(run.get().experiment(), run.get().view()));
                    try {
                        client.putItem(b -> b.tableName(table).item(item)
                                .conditionExpression("attribute_not_exists(#listing)")
                                .expressionAttributeNames(Map.of("#listing", LISTING)));
                    } catch (ConditionalCheckFailedException e) {
                        // rewritten by a writer since the scan read it
                    }
                });
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
