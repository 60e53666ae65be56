package dev.faultline.agent.outbound;

import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.json.ChaosJson;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Events as JSON on the {@code events} channel, keyed by {@link ChaosEvent#key()} so that a run stays in order. */
@ApplicationScoped
public class KafkaEventPublisher implements EventPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaEventPublisher.class);

    private final Emitter<String> emitter;

    @Inject
    public KafkaEventPublisher(@Channel("events") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    @Override
    public void publish(ChaosEvent event) {
        String type = event.getClass().getSimpleName();
        Message<String> message = Message.of(ChaosJson.write(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build())
                .withNack(failure -> {
                    LOG.warnf("could not send %s %s (key %s): %s", type, event.messageId(), event.key(),
                            failure.getMessage());
                    return CompletableFuture.completedFuture(null);
                });
        if (event.runId() != null) {
            // One line per run event, with its id: what the agent emitted can be checked against what the reporter
            // stored (bench/control-plane-trials.sh does). Heartbeats, every few seconds and of no run, are not logged.
            LOG.infof("emitting %s %s for run %s", type, event.messageId(), event.runId());
        }
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            // Emitter buffer full or channel down: the fault handling that called us must go on.
            LOG.warnf("could not queue %s %s (key %s): %s", type, event.messageId(), event.key(), e.getMessage());
        }
    }
}
