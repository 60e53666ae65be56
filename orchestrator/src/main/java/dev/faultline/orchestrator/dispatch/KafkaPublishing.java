package dev.faultline.orchestrator.dispatch;

import dev.faultline.common.json.ChaosJson;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends one contract message with its key and waits for the broker's acknowledgement. */
final class KafkaPublishing {

    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private KafkaPublishing() {
    }

    static void send(MutinyEmitter<String> emitter, String key, Object message) {
        Message<String> record = Message.of(ChaosJson.write(message))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
        try {
            emitter.sendMessage(record).await().atMost(ACK_TIMEOUT);
        } catch (RuntimeException e) {
            throw new PublishFailedException("Kafka did not acknowledge " + message.getClass().getSimpleName()
                    + " within " + ACK_TIMEOUT.toSeconds() + "s: " + e.getMessage(), e);
        }
    }
}
