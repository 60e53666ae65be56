package dev.faultline.reporter.alert;

import dev.faultline.dynamodb.Tables;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The alerts table: one item per alert ({@link Alert#id()}, hash key {@code alertId}), written with a conditional
 * put before anything is sent, so that a redelivered verdict or event, a second reporter instance or a restarted one
 * sends nothing twice; then the outcome of each target's delivery, in the item's {@code deliveries} map:
 * {@code pending} from the claim, then {@code sent} or {@code failed} with the attempts made and the last error.
 *
 * <p>The claim makes delivery at most once: a reporter that dies between its claim and the send leaves the target
 * {@code pending} and nobody sends it (docs/alerts.md). A duplicate page is what the claim is there to prevent, and
 * an operator can see the pending ones in the table.
 */
public final class AlertLedger {

    static final String ALERT_ID = "alertId";
    static final String DELIVERIES = "deliveries";

    /** One target's delivery as recorded. */
    public record Delivery(String outcome, int attempts, String lastError, Instant at) {
    }

    private final DynamoDbClient client;
    private final String table;

    public AlertLedger(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    public String table() {
        return table;
    }

    /** Creates the table when absent and waits until it is ACTIVE. */
    public void ensure() {
        Tables.ensure(client, table, Tables.partitionKey(ALERT_ID));
    }

    /**
     * Claims the alert for these targets.
     *
     * @return false when it was claimed before (by this instance or another): nothing must be sent
     */
    public boolean claim(Alert alert, List<String> targets, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ALERT_ID, s(alert.id()));
        item.put("kind", s(alert.kind().configName()));
        putIfPresent(item, "runId", alert.runId());
        putIfPresent(item, "scheduleId", alert.scheduleId());
        putIfPresent(item, "occurrence", alert.occurrence() == null ? null : alert.occurrence().toString());
        putIfPresent(item, "experiment", alert.experiment());
        item.put("headline", s(alert.headline()));
        item.put("claimedAt", s(now.toString()));
        Map<String, AttributeValue> deliveries = new LinkedHashMap<>();
        for (String target : targets) {
            deliveries.put(target, delivery(new Delivery("pending", 0, null, now)));
        }
        item.put(DELIVERIES, AttributeValue.builder().m(deliveries).build());
        try {
            client.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", ALERT_ID)));
            return true;
        } catch (ConditionalCheckFailedException alreadyClaimed) {
            return false;
        }
    }

    /** Records how one target's delivery ended. */
    public void record(String alertId, String target, Delivery delivery) {
        client.updateItem(b -> b.tableName(table)
                .key(Map.of(ALERT_ID, s(alertId)))
                .updateExpression("SET #deliveries.#target = :delivery")
                .expressionAttributeNames(Map.of("#deliveries", DELIVERIES, "#target", target))
                .expressionAttributeValues(Map.of(":delivery", delivery(delivery))));
    }

    /** The deliveries of an alert by target; empty when it was never claimed. */
    public Optional<Map<String, Delivery>> deliveries(String alertId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                .key(Map.of(ALERT_ID, s(alertId))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Delivery> deliveries = new LinkedHashMap<>();
        item.getOrDefault(DELIVERIES, AttributeValue.builder().m(Map.of()).build()).m().forEach((target, value) -> {
            Map<String, AttributeValue> d = value.m();
            deliveries.put(target, new Delivery(d.get("outcome").s(), Integer.parseInt(d.get("attempts").n()),
                    d.containsKey("lastError") ? d.get("lastError").s() : null, Instant.parse(d.get("at").s())));
        });
        return Optional.of(deliveries);
    }

    private static AttributeValue delivery(Delivery delivery) {
        Map<String, AttributeValue> fields = new LinkedHashMap<>();
        fields.put("outcome", s(delivery.outcome()));
        fields.put("attempts", AttributeValue.builder().n(Integer.toString(delivery.attempts())).build());
        if (delivery.lastError() != null) {
            fields.put("lastError", s(delivery.lastError()));
        }
        fields.put("at", s(delivery.at().toString()));
        return AttributeValue.builder().m(fields).build();
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
