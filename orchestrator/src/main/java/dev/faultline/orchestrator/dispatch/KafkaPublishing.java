package dev.faultline.orchestrator.dispatch;

import dev.faultline.common.json.ChaosJson;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends contract messages with their keys and waits for the broker's acknowledgement. */
final class KafkaPublishing {

    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    /** A message and the key it goes out under. */
    record Keyed(String key, Object message) {
    }

    private KafkaPublishing() {
    }

    static void send(MutinyEmitter<String> emitter, String key, Object message) {
        sendAll(emitter, List.of(new Keyed(key, message)));
    }

    /** Hands every message to the producer, then waits for each acknowledgement (within one shared timeout). */
    static void sendAll(MutinyEmitter<String> emitter, List<Keyed> messages) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(messages.size());
        for (Keyed keyed : messages) {
            Message<String> record = Message.of(ChaosJson.write(keyed.message()))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(keyed.key()).build());
            try {
                // Subscribed now: the record goes to the producer at once, the loop below only collects the outcome.
                acks.add(emitter.sendMessage(record).subscribeAsCompletionStage());
            } catch (RuntimeException e) {
                throw failed(keyed.message(), e);
            }
        }
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw failed(messages.get(i).message(), e.getCause() == null ? e : e.getCause());
            } catch (TimeoutException e) {
                throw failed(messages.get(i).message(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed(messages.get(i).message(), e);
            }
        }
    }

    private static PublishFailedException failed(Object message, Throwable e) {
        return new PublishFailedException("Kafka did not acknowledge " + message.getClass().getSimpleName()
                + " within " + ACK_TIMEOUT.toSeconds() + "s: " + e.getMessage(), e);
    }
}
