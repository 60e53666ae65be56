package dev.faultline.reporter.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.event.RunFinished;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.run.RunState;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.dynamodb.LifecycleCondition;
import dev.faultline.reporter.MessageTypes;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Runs and their events in DynamoDB. Every write is idempotent, because Kafka delivers at least once and a failed
 * message is delivered again: events are conditional puts keyed by message id, run updates set the same values
 * again or are refused by a condition. Nothing needs transactions, TTL or streams (dynalite has none of them).
 */
@Singleton
public class RunStore {

    static final String RUN_ID = "runId";
    static final String EVENT_KEY = "eventKey";
    static final String STATE = "state";

    private static final Logger LOG = Logger.getLogger(RunStore.class);

    private final DynamoDbClient client;
    private final RunTables tables;

    public RunStore(DynamoDbClient client, RunTables tables) {
        this.client = client;
        this.tables = tables;
    }

    /**
     * Stores a run's event and applies it to the run item.
     *
     * @return false when the event was already stored (a redelivery)
     */
    public boolean record(ChaosEvent event) {
        if (event.runId() == null) {
            throw new IllegalArgumentException(MessageTypes.nameOf(event) + " " + event.messageId() + " has no run id");
        }
        boolean added = putEvent(event);
        // Applied even to a redelivered event: the first delivery may have stored the event and then failed here.
        if (event instanceof RunStarted started) {
            started(started);
        } else if (event instanceof RunFinished finished) {
            finished(finished);
        } else if (event instanceof RunAborted aborted) {
            aborted(aborted);
        }
        return added;
    }

    /** A run's events, oldest first (by the producers' timestamps). */
    public List<ChaosEvent> events(String runId) {
        QueryRequest query = QueryRequest.builder()
                .tableName(tables.runEvents())
                .keyConditionExpression("#runId = :runId")
                .expressionAttributeNames(Map.of("#runId", RUN_ID))
                .expressionAttributeValues(Map.of(":runId", s(runId)))
                .scanIndexForward(true)
                .consistentRead(true)
                .build();
        List<ChaosEvent> events = new ArrayList<>();
        client.queryPaginator(query).items().forEach(item -> {
            try {
                events.add(ChaosJson.read(item.get("json").s(), ChaosEvent.class));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                LOG.warnf("run %s: stored event %s cannot be read any more (%s); left out", runId,
                        item.get(EVENT_KEY).s(), e.getMessage());
            }
        });
        return events;
    }

    /**
     * Every stored run (one paginated scan of the runs table): what the runs index lists. A run item is small (its
     * events live in the other table), so even thousands of runs are a few pages.
     */
    public List<StoredRun> runs() {
        List<StoredRun> runs = new ArrayList<>();
        client.scanPaginator(b -> b.tableName(tables.runs()).consistentRead(true)).items()
                .forEach(item -> runs.add(StoredRun.from(item)));
        return runs;
    }

    public Optional<StoredRun> findRun(String runId) {
        Map<String, AttributeValue> item = client.getItem(b -> b
                .tableName(tables.runs())
                .key(Map.of(RUN_ID, s(runId)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(StoredRun.from(item));
    }

    /**
     * Records the verdict and where its reports are. An upsert: a verdict that overtakes its run's RunStarted still
     * creates the item, and RunStarted later fills in what is missing. The run moves to COMPLETED where the lifecycle
     * allows it; an ABORTED run stays ABORTED and keeps the verdict the observer gave it.
     */
    public void complete(RunVerdict verdict, Path reportJson, Path reportMarkdown, Instant completedAt) {
        String verdictAndReports = "verdict = :verdict, verdictJson = :verdictJson,"
                + " completedAt = :completedAt, reportJsonPath = :json, reportMarkdownPath = :md,"
                + " experimentName = if_not_exists(experimentName, :name)";
        Map<String, AttributeValue> values = values(":verdict", verdict.verdict().name(),
                ":verdictJson", ChaosJson.write(verdict),
                ":completedAt", completedAt.toString(),
                ":json", reportJson.toString(),
                ":md", reportMarkdown.toString(),
                ":name", verdict.experimentName());
        if (!moveTo(verdict.runId(), RunState.COMPLETED, verdictAndReports, values)) {
            update(verdict.runId(), "SET " + verdictAndReports, values, null);
        }
    }

    private boolean putEvent(ChaosEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(RUN_ID, s(event.runId()));
        item.put(EVENT_KEY, s(EventKey.of(event.timestamp(), event.messageId())));
        item.put("messageId", s(event.messageId()));
        item.put("type", s(MessageTypes.nameOf(event)));
        item.put("timestamp", s(event.timestamp().toString()));
        item.put("json", s(ChaosJson.write(event)));
        try {
            client.putItem(b -> b
                    .tableName(tables.runEvents())
                    .item(item)
                    .conditionExpression("attribute_not_exists(#eventKey)")
                    .expressionAttributeNames(Map.of("#eventKey", EVENT_KEY)));
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            LOG.debugf("run %s: event %s already stored", event.runId(), event.messageId());
            return false;
        }
    }

    /**
     * Fills in each start attribute only where it is absent (if_not_exists) rather than a put conditional on a missing
     * item: a verdict or RunFinished that overtook RunStarted has already created the item, and a put would then lose
     * the experiment. A redelivered RunStarted changes nothing.
     */
    private void started(RunStarted e) {
        update(e.runId(), "SET experimentName = if_not_exists(experimentName, :name),"
                        + " startedAt = if_not_exists(startedAt, :startedAt),"
                        + " injectAt = if_not_exists(injectAt, :injectAt),"
                        + " observeUntil = if_not_exists(observeUntil, :observeUntil),"
                        + " experimentJson = if_not_exists(experimentJson, :experimentJson),"
                        + " #state = if_not_exists(#state, :running)",
                values(":name", e.experiment().name(),
                        ":startedAt", e.timestamp().toString(),
                        ":injectAt", e.injectAt().toString(),
                        ":observeUntil", e.observeUntil().toString(),
                        ":experimentJson", ChaosJson.write(e.experiment()),
                        ":running", RunState.initial().name()),
                null);
    }

    /** FINISHED only moves a run on from RUNNING: it never undoes COMPLETED or hides an ABORTED. */
    private void finished(RunFinished e) {
        boolean moved = moveTo(e.runId(), RunState.FINISHED, "finishedAt = :at",
                values(":at", e.finishedAt().toString()));
        if (!moved) {
            update(e.runId(), "SET finishedAt = if_not_exists(finishedAt, :at)",
                    values(":at", e.finishedAt().toString()), null);
        }
    }

    private void aborted(RunAborted e) {
        boolean moved = moveTo(e.runId(), RunState.ABORTED, "abortReason = :reason, abortedAt = :at",
                values(":reason", e.reason(), ":at", e.timestamp().toString()));
        if (!moved) {
            update(e.runId(), "SET abortReason = if_not_exists(abortReason, :reason),"
                            + " abortedAt = if_not_exists(abortedAt, :at)",
                    values(":reason", e.reason(), ":at", e.timestamp().toString()), null);
        }
    }

    /**
     * Sets the run's state to {@code target} with {@code assignments}, on condition that the stored state may move
     * there ({@link RunState#allowedFrom()}), or that there is none yet: events race on Kafka, and an item created by
     * an event that overtook RunStarted has no state until then.
     *
     * @return false when the lifecycle refused the move (nothing was changed)
     */
    private boolean moveTo(String runId, RunState target, String assignments, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":target", s(target.name()));
        return update(runId, "SET #state = :target, " + assignments, all, allowedFromCondition(target, all));
    }

    /** {@code attribute_not_exists(#state) OR #state IN (:from0, ...)}, its values added to {@code values}. */
    static String allowedFromCondition(RunState target, Map<String, AttributeValue> values) {
        return LifecycleCondition.stateAbsentOrIn(target.allowedFrom(), values);
    }

    /** @return false when {@code condition} was not met (nothing was changed) */
    private boolean update(String runId, String expression, Map<String, AttributeValue> values, String condition) {
        Map<String, String> names = expression.contains("#state") || (condition != null && condition.contains("#state"))
                ? Map.of("#state", STATE)
                : null;
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(tables.runs())
                .key(Map.of(RUN_ID, s(runId)))
                .updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
        try {
            client.updateItem(request);
            return true;
        } catch (ConditionalCheckFailedException e) {
            LOG.debugf("run %s: update refused by its condition (%s)", runId, condition);
            return false;
        }
    }

    private static Map<String, AttributeValue> values(String... namesAndValues) {
        Map<String, AttributeValue> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], s(namesAndValues[i + 1]));
        }
        return values;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
