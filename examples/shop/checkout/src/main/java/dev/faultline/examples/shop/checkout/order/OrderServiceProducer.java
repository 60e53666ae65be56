package dev.faultline.examples.shop.checkout.order;

import dev.faultline.examples.shop.checkout.catalog.ProductCatalog;
import dev.faultline.examples.shop.checkout.customer.Customers;
import dev.faultline.examples.shop.checkout.publish.OrderEvents;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

/** Wires {@link OrderService} to the protected clients, the DynamoDB store and Kafka. */
public final class OrderServiceProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    OrderService orderService(Customers customers, ProductCatalog catalog, OrderStore store, OrderEvents events,
            Clock clock) {
        return new OrderService(customers::customer, catalog::product, store, events, clock,
                () -> "ord-" + UUID.randomUUID());
    }
}
