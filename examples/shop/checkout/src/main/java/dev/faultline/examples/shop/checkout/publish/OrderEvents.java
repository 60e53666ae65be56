package dev.faultline.examples.shop.checkout.publish;

import dev.faultline.examples.shop.events.OrderPlaced;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes OrderPlaced to Kafka ({@code shop-orders}) and waits for the broker's acknowledgement, so that an order
 * is acknowledged to the client only once analytics can see it. A failure surfaces as {@link PublishFailedException};
 * the order is stored by then and the client's retry (same idempotency key) publishes it again.
 */
@ApplicationScoped
public class OrderEvents implements Consumer<OrderPlaced> {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

    private final Emitter<OrderPlaced> emitter;

    OrderEvents(@Channel("orders") Emitter<OrderPlaced> emitter) {
        this.emitter = emitter;
    }

    @Override
    public void accept(OrderPlaced event) {
        try {
            emitter.send(event).toCompletableFuture().get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException(event.orderId(), e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new PublishFailedException(event.orderId(), e);
        }
    }

    /** Kafka did not acknowledge the event in time. */
    public static class PublishFailedException extends RuntimeException {

        PublishFailedException(String orderId, Throwable cause) {
            super("OrderPlaced for " + orderId + " was not acknowledged by Kafka", cause);
        }
    }
}
