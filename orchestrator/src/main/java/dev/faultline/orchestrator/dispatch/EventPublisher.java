package dev.faultline.orchestrator.dispatch;

import dev.faultline.common.event.ChaosEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes the orchestrator's own events (run started, finished, aborted; run scheduled, skipped) on
 * {@code chaos-events}.
 */
@ApplicationScoped
public class EventPublisher {

    @Inject
    @Channel("events-out")
    MutinyEmitter<String> emitter;

    public void publish(ChaosEvent event) {
        KafkaPublishing.send(emitter, event.key(), event);
    }
}
