package dev.faultline.examples.shop.analytics;

import dev.faultline.examples.shop.events.OrderPlaced;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds every OrderPlaced from Kafka ({@code shop-orders}) to the counter. */
@ApplicationScoped
public class OrdersConsumer {

    private final OrderCounter counter;

    OrdersConsumer(OrderCounter counter) {
        this.counter = counter;
    }

    @Incoming("orders")
    public void onOrderPlaced(OrderPlaced event) {
        counter.count(event);
    }
}
