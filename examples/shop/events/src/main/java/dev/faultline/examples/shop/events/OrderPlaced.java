package dev.faultline.examples.shop.events;

import java.time.Instant;
import java.util.List;

/**
 * Published by checkout on the {@code shop-orders} topic once an order is stored. Delivery is at least once (a client
 * retrying with the same idempotency key makes checkout publish again), so consumers de-duplicate by {@link #orderId}.
 */
public record OrderPlaced(String orderId, String idempotencyKey, String userId, List<OrderLine> lines,
        long totalCents, Instant placedAt) {

    public OrderPlaced {
        requireText("orderId", orderId);
        requireText("idempotencyKey", idempotencyKey);
        requireText("userId", userId);
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("lines: an order has at least one line");
        }
        lines = List.copyOf(lines);
        long sum = lines.stream().mapToLong(OrderLine::totalCents).sum();
        if (totalCents != sum) {
            throw new IllegalArgumentException("totalCents: " + totalCents + " is not the sum of the lines, " + sum);
        }
        if (placedAt == null) {
            throw new IllegalArgumentException("placedAt: required");
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
    }
}
