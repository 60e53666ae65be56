package dev.faultline.examples.shop.checkout.order;

import dev.faultline.examples.shop.events.OrderLine;
import dev.faultline.examples.shop.events.OrderPlaced;
import java.time.Instant;
import java.util.List;

/**
 * A placed order as stored. {@code fingerprint} identifies the request that created it, so that a later request with
 * the same idempotency key but different content is recognised as a misuse of the key rather than as a retry.
 */
public record Order(IdempotencyKey idempotencyKey, String orderId, String fingerprint, String userId,
        List<OrderLine> lines, long totalCents, Instant placedAt) {

    public Order {
        if (idempotencyKey == null || orderId == null || orderId.isBlank() || fingerprint == null
                || userId == null || placedAt == null) {
            throw new IllegalArgumentException("an order needs a key, an id, a fingerprint, a user and a time");
        }
        // The event's checks (lines present, total = sum of lines) are the order's checks too.
        lines = List.copyOf(lines);
        new OrderPlaced(orderId, idempotencyKey.value(), userId, lines, totalCents, placedAt);
    }

    public OrderPlaced toEvent() {
        return new OrderPlaced(orderId, idempotencyKey.value(), userId, lines, totalCents, placedAt);
    }
}
