package dev.faultline.examples.shop.checkout.order;

import java.util.Optional;

/** Where orders live. Implementations must make {@link #insertIfAbsent} atomic per idempotency key. */
public interface OrderStore {

    /**
     * Stores {@code order} unless an order with its idempotency key exists.
     *
     * @return empty when this call stored it; otherwise the order stored earlier under the same key
     */
    Optional<Order> insertIfAbsent(Order order);

    Optional<Order> find(IdempotencyKey key);
}
