package dev.faultline.observer.outbound;

import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.verdict.VerdictMessage;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes verdicts, SLO breaches and run progress on {@code chaos-verdicts}, keyed by run id so that a run's
 * messages stay in order.
 */
@ApplicationScoped
public class VerdictPublisher {

    private static final Logger LOG = Logger.getLogger(VerdictPublisher.class);

    private final Emitter<String> emitter;

    @Inject
    public VerdictPublisher(@Channel("verdicts") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    public void publish(VerdictMessage verdict) {
        Message<String> message = Message.of(ChaosJson.write(verdict))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(verdict.runId()).build())
                .withNack(error -> {
                    LOG.errorf(error, "run %s: %s could not be published", verdict.runId(),
                            verdict.getClass().getSimpleName());
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
    }
}
