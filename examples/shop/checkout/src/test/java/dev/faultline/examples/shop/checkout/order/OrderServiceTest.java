package dev.faultline.examples.shop.checkout.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.examples.shop.checkout.catalog.Product;
import dev.faultline.examples.shop.checkout.customer.Customer;
import dev.faultline.examples.shop.events.OrderPlaced;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderServiceTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final IdempotencyKey KEY = new IdempotencyKey("key-00000001");

    /** Same contract as the DynamoDB store: the first insert per key wins, atomically. */
    private static final class MapStore implements OrderStore {
        final Map<String, Order> orders = new ConcurrentHashMap<>();

        @Override
        public Optional<Order> insertIfAbsent(Order order) {
            return Optional.ofNullable(orders.putIfAbsent(order.idempotencyKey().value(), order));
        }

        @Override
        public Optional<Order> find(IdempotencyKey key) {
            return Optional.ofNullable(orders.get(key.value()));
        }
    }

    private final MapStore store = new MapStore();
    private final List<OrderPlaced> published = new ArrayList<>();
    private final AtomicInteger productCalls = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final OrderService service = new OrderService(
            id -> new Customer(id, "User", "u@shop.example"),
            id -> {
                productCalls.incrementAndGet();
                return new Product(id, "Product " + id, id.equals("p-1") ? 199 : 500);
            },
            store, published::add, Clock.fixed(NOW, ZoneOffset.UTC), () -> "ord-" + ids.incrementAndGet());

    private static OrderRequest request(String userId, int quantityOfP1) {
        return new OrderRequest(userId, List.of(new OrderRequest.Item("p-1", quantityOfP1),
                new OrderRequest.Item("p-2", 1)));
    }

    @Test
    void placesAnOrderPricedByTheCatalogueAndPublishesIt() {
        PlaceResult result = service.place(KEY, request("u-1", 2));

        assertThat(result).isInstanceOf(PlaceResult.Created.class);
        Order order = ((PlaceResult.Created) result).order();
        assertThat(order.orderId()).isEqualTo("ord-1");
        assertThat(order.totalCents()).isEqualTo(2 * 199 + 500);
        assertThat(order.placedAt()).isEqualTo(NOW);
        assertThat(store.orders).containsOnlyKeys(KEY.value());
        assertThat(published).extracting(OrderPlaced::orderId).containsExactly("ord-1");
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameOrderAndStoresNothingNew() {
        service.place(KEY, request("u-1", 2));
        int callsAfterFirst = productCalls.get();

        PlaceResult retry = service.place(KEY, request("u-1", 2));

        assertThat(retry).isInstanceOf(PlaceResult.Replayed.class);
        assertThat(((PlaceResult.Replayed) retry).order().orderId()).isEqualTo("ord-1");
        assertThat(store.orders).hasSize(1);
        assertThat(productCalls.get()).as("a replay is answered from the store").isEqualTo(callsAfterFirst);
        // Published again: the first attempt may have stored the order and then failed to publish it.
        assertThat(published).extracting(OrderPlaced::orderId).containsExactly("ord-1", "ord-1");
    }

    @Test
    void theOrderOfItemsDoesNotMakeADifferentRequest() {
        service.place(KEY, request("u-1", 2));
        OrderRequest reordered = new OrderRequest("u-1", List.of(new OrderRequest.Item("p-2", 1),
                new OrderRequest.Item("p-1", 2)));

        assertThat(service.place(KEY, reordered)).isInstanceOf(PlaceResult.Replayed.class);
    }

    @Test
    void aKeyReusedForADifferentOrderIsRefused() {
        service.place(KEY, request("u-1", 2));

        assertThat(service.place(KEY, request("u-1", 3))).isEqualTo(new PlaceResult.KeyReused(KEY));
        assertThat(service.place(KEY, request("u-2", 2))).isEqualTo(new PlaceResult.KeyReused(KEY));
        assertThat(store.orders.get(KEY.value()).totalCents()).isEqualTo(2 * 199 + 500);
        assertThat(published).hasSize(1);
    }

    @Test
    void whenAnotherReplicaWinsTheRaceThisRequestAnswersWithTheWinnersOrder() {
        // The other replica's write lands between this request's lookup and its conditional write.
        Order winner = new Order(KEY, "ord-other", RequestFingerprint.of(request("u-1", 2)), "u-1",
                List.of(new dev.faultline.examples.shop.events.OrderLine("p-1", 2, 199),
                        new dev.faultline.examples.shop.events.OrderLine("p-2", 1, 500)),
                898, NOW);
        OrderStore racing = new OrderStore() {
            @Override
            public Optional<Order> insertIfAbsent(Order order) {
                store.insertIfAbsent(winner);
                return store.insertIfAbsent(order);
            }

            @Override
            public Optional<Order> find(IdempotencyKey key) {
                return Optional.empty();
            }
        };
        OrderService racer = new OrderService(id -> new Customer(id, "User", "u@shop.example"),
                id -> new Product(id, id, id.equals("p-1") ? 199 : 500), racing, published::add,
                Clock.fixed(NOW, ZoneOffset.UTC), () -> "ord-mine");

        PlaceResult result = racer.place(KEY, request("u-1", 2));

        assertThat(result).isInstanceOf(PlaceResult.Replayed.class);
        assertThat(((PlaceResult.Replayed) result).order().orderId()).isEqualTo("ord-other");
        assertThat(store.orders.get(KEY.value()).orderId()).isEqualTo("ord-other");
    }

    @Test
    void aFailedPublishFailsTheRequestButKeepsTheOrderForTheRetry() {
        List<OrderPlaced> delivered = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        OrderService flakyKafka = new OrderService(id -> new Customer(id, "User", "u@shop.example"),
                id -> new Product(id, id, 100), store, event -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("broker unavailable");
                    }
                    delivered.add(event);
                }, Clock.fixed(NOW, ZoneOffset.UTC), () -> "ord-" + ids.incrementAndGet());

        assertThatThrownBy(() -> flakyKafka.place(KEY, request("u-1", 1))).hasMessageContaining("broker");
        assertThat(store.orders).hasSize(1);

        PlaceResult retry = flakyKafka.place(KEY, request("u-1", 1));
        assertThat(retry).isInstanceOf(PlaceResult.Replayed.class);
        assertThat(delivered).extracting(OrderPlaced::orderId).containsExactly("ord-1");
    }

    @Test
    void refusesMalformedKeysAndRequests() {
        assertThatThrownBy(() -> new IdempotencyKey("short")).isInstanceOf(InvalidOrderException.class);
        assertThatThrownBy(() -> new IdempotencyKey("has spaces in it")).isInstanceOf(InvalidOrderException.class);
        assertThatThrownBy(() -> new OrderRequest("u-1", List.of())).hasMessageContaining("items");
        assertThatThrownBy(() -> new OrderRequest.Item("p-1", 0)).hasMessageContaining("quantity");
    }
}
