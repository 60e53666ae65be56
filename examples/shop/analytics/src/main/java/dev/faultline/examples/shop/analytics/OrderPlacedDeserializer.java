package dev.faultline.examples.shop.analytics;

import dev.faultline.examples.shop.events.OrderPlaced;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** OrderPlaced from its JSON form on the topic. */
public class OrderPlacedDeserializer extends ObjectMapperDeserializer<OrderPlaced> {

    public OrderPlacedDeserializer() {
        super(OrderPlaced.class);
    }
}
