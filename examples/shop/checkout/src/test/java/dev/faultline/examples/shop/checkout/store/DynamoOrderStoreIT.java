package dev.faultline.examples.shop.checkout.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.examples.shop.checkout.order.IdempotencyKey;
import dev.faultline.examples.shop.checkout.order.Order;
import dev.faultline.examples.shop.events.OrderLine;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The conditional put against a real DynamoDB API (dynalite, FAULTLINE_DYNAMODB_ENDPOINT, default the local
 * stack's 127.0.0.1:18000), in a table of its own that it deletes afterwards.
 */
class DynamoOrderStoreIT {

    private static final String TABLE = "shop-orders-it-" + UUID.randomUUID();
    private static DynamoDbClient client;
    private static DynamoOrderStore store;

    @BeforeAll
    static void createTable() {
        String endpoint = Optional.ofNullable(System.getenv("FAULTLINE_DYNAMODB_ENDPOINT")).orElse("http://127.0.0.1:18000");
        DynamoDbSettings settings = new DynamoDbSettings() {
            @Override
            public Optional<URI> endpoint() {
                return Optional.of(URI.create(endpoint));
            }

            @Override
            public String region() {
                return "us-east-1";
            }

            @Override
            public String ordersTable() {
                return TABLE;
            }
        };
        client = new DynamoDbClientProducer().dynamoDbClient(settings);
        OrdersTable table = new OrdersTable(client, settings);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!table.ready() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(table.ready()).as("table %s active within 10 s", TABLE).isTrue();
        store = new DynamoOrderStore(client, table);
    }

    @AfterAll
    static void deleteTable() {
        if (client != null) {
            client.deleteTable(b -> b.tableName(TABLE));
            client.close();
        }
    }

    private static Order order(String key, String orderId) {
        return new Order(new IdempotencyKey(key), orderId, "fp-1", "u-1",
                List.of(new OrderLine("p-1", 2, 199), new OrderLine("p-2", 1, 500)), 898,
                Instant.parse("2025-03-01T12:00:00.123Z"));
    }

    @Test
    void storesAnOrderOnceAndReadsItBackUnchanged() {
        Order first = order("it-key-0001", "ord-1");

        assertThat(store.insertIfAbsent(first)).isEmpty();
        assertThat(store.find(new IdempotencyKey("it-key-0001"))).contains(first);
        assertThat(store.insertIfAbsent(order("it-key-0001", "ord-2"))).as("the earlier order wins").contains(first);
        assertThat(store.find(new IdempotencyKey("it-key-missing"))).isEmpty();
    }

    @Test
    void exactlyOneOfManyConcurrentWritesWithTheSameKeyWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Optional<Order>>> writes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Order candidate = order("it-key-race", "ord-race-" + i);
                writes.add(() -> store.insertIfAbsent(candidate));
            }
            List<Future<Optional<Order>>> results = pool.invokeAll(writes);
            int winners = 0;
            for (Future<Optional<Order>> result : results) {
                if (result.get().isEmpty()) {
                    winners++;
                }
            }
            String stored = store.find(new IdempotencyKey("it-key-race")).orElseThrow().orderId();
            assertThat(winners).isEqualTo(1);
            for (Future<Optional<Order>> result : results) {
                result.get().ifPresent(loser -> assertThat(loser.orderId()).isEqualTo(stored));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
