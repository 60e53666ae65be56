package dev.faultline.examples.shop.checkout.api;

import dev.faultline.examples.shop.checkout.order.Order;
import dev.faultline.examples.shop.events.OrderLine;
import java.time.Instant;
import java.util.List;

/** The answer to a placed (or replayed) order. */
public record OrderResponse(String orderId, String idempotencyKey, String userId, List<OrderLine> lines,
        long totalCents, Instant placedAt, boolean replayed) {

    static OrderResponse of(Order order, boolean replayed) {
        return new OrderResponse(order.orderId(), order.idempotencyKey().value(), order.userId(), order.lines(),
                order.totalCents(), order.placedAt(), replayed);
    }
}
