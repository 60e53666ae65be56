package dev.faultline.examples.shop.checkout.order;

import dev.faultline.examples.shop.checkout.catalog.Product;
import dev.faultline.examples.shop.checkout.customer.Customer;
import dev.faultline.examples.shop.events.OrderLine;
import dev.faultline.examples.shop.events.OrderPlaced;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Places an order at most once per idempotency key: a known key is answered from the store without touching the
 * other services; a new one is priced (user and product services), stored with a conditional write, and published.
 * Two requests racing with the same key both reach the conditional write; exactly one wins and the other is answered
 * with the winner's order.
 * <p>
 * The event is published for replays too: if a first attempt stored the order but failed to publish it, the client's
 * retry completes the job (consumers de-duplicate by order id). So a request is only acknowledged once the order is
 * both stored and published.
 */
public final class OrderService {

    private final Function<String, Customer> customers;
    private final Function<String, Product> products;
    private final OrderStore store;
    private final Consumer<OrderPlaced> publisher;
    private final Clock clock;
    private final Supplier<String> orderIds;

    public OrderService(Function<String, Customer> customers, Function<String, Product> products, OrderStore store,
            Consumer<OrderPlaced> publisher, Clock clock, Supplier<String> orderIds) {
        this.customers = customers;
        this.products = products;
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
        this.orderIds = orderIds;
    }

    public PlaceResult place(IdempotencyKey key, OrderRequest request) {
        String fingerprint = RequestFingerprint.of(request);
        Optional<Order> earlier = store.find(key);
        if (earlier.isPresent()) {
            return answerRetry(earlier.get(), fingerprint);
        }
        Customer customer = customers.apply(request.userId());
        List<OrderLine> lines = request.items().stream()
                .map(item -> new OrderLine(item.productId(), item.quantity(),
                        products.apply(item.productId()).priceCents()))
                .toList();
        long total = lines.stream().mapToLong(OrderLine::totalCents).sum();
        Order order = new Order(key, orderIds.get(), fingerprint, customer.id(), lines, total, clock.instant());
        Optional<Order> winner = store.insertIfAbsent(order);
        if (winner.isPresent()) {
            return answerRetry(winner.get(), fingerprint);
        }
        publisher.accept(order.toEvent());
        return new PlaceResult.Created(order);
    }

    private PlaceResult answerRetry(Order stored, String fingerprint) {
        if (!stored.fingerprint().equals(fingerprint)) {
            return new PlaceResult.KeyReused(stored.idempotencyKey());
        }
        publisher.accept(stored.toEvent());
        return new PlaceResult.Replayed(stored);
    }
}
