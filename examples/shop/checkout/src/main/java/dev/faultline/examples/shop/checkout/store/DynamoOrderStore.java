package dev.faultline.examples.shop.checkout.store;

import dev.faultline.examples.shop.checkout.order.IdempotencyKey;
import dev.faultline.examples.shop.checkout.order.Order;
import dev.faultline.examples.shop.checkout.order.OrderStore;
import dev.faultline.examples.shop.events.OrderLine;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Orders in DynamoDB, one item per idempotency key. The conditional put ({@code attribute_not_exists}) is what makes
 * placing an order idempotent across replicas: DynamoDB decides which of two racing writes wins.
 */
@Singleton
public class DynamoOrderStore implements OrderStore {

    private final DynamoDbClient client;
    private final OrdersTable table;

    DynamoOrderStore(DynamoDbClient client, OrdersTable table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Optional<Order> insertIfAbsent(Order order) {
        try {
            client.putItem(b -> b.tableName(table.name())
                    .item(toItem(order))
                    .conditionExpression("attribute_not_exists(#key)")
                    .expressionAttributeNames(Map.of("#key", OrdersTable.KEY)));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            return Optional.of(find(order.idempotencyKey()).orElseThrow(() -> new IllegalStateException(
                    "the conditional put on " + order.idempotencyKey() + " failed but no order is stored under it")));
        }
    }

    @Override
    public Optional<Order> find(IdempotencyKey key) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table.name())
                .key(Map.of(OrdersTable.KEY, s(key.value())))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    static Map<String, AttributeValue> toItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(OrdersTable.KEY, s(order.idempotencyKey().value()));
        item.put("orderId", s(order.orderId()));
        item.put("fingerprint", s(order.fingerprint()));
        item.put("userId", s(order.userId()));
        item.put("totalCents", n(order.totalCents()));
        item.put("placedAt", s(order.placedAt().toString()));
        item.put("lines", AttributeValue.fromL(order.lines().stream()
                .map(line -> AttributeValue.fromM(Map.of(
                        "productId", s(line.productId()),
                        "quantity", n(line.quantity()),
                        "unitPriceCents", n(line.unitPriceCents()))))
                .toList()));
        return item;
    }

    static Order fromItem(Map<String, AttributeValue> item) {
        List<OrderLine> lines = item.get("lines").l().stream()
                .map(AttributeValue::m)
                .map(m -> new OrderLine(m.get("productId").s(), Integer.parseInt(m.get("quantity").n()),
                        Long.parseLong(m.get("unitPriceCents").n())))
                .toList();
        return new Order(new IdempotencyKey(item.get(OrdersTable.KEY).s()), item.get("orderId").s(),
                item.get("fingerprint").s(), item.get("userId").s(), lines,
                Long.parseLong(item.get("totalCents").n()), Instant.parse(item.get("placedAt").s()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
