package dev.faultline.observer.inbound;

import dev.faultline.common.delivery.MessageDeduplicator;
import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.observer.run.RunObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code chaos-events}. A record that cannot be read is skipped with a warning rather than stopping the
 * stream: one bad producer must not blind the observer to every other run.
 */
@ApplicationScoped
public class ChaosEventConsumer {

    private static final Logger LOG = Logger.getLogger(ChaosEventConsumer.class);
    private static final int REMEMBERED_IDS = 10_000;

    private final MessageDeduplicator deduplicator = new MessageDeduplicator(REMEMBERED_IDS);
    private final RunObserver observer;

    @Inject
    public ChaosEventConsumer(RunObserver observer) {
        this.observer = observer;
    }

    @Incoming("events")
    public void consume(String json) {
        ChaosEvent event;
        try {
            if (json == null) {
                throw new IllegalArgumentException("empty record");
            }
            event = ChaosJson.read(json, ChaosEvent.class);
        } catch (Exception e) {
            LOG.warnf("skipping an unreadable chaos event: %s", e.getMessage());
            return;
        }
        if (event instanceof AgentHeartbeat) {
            return;
        }
        if (!deduplicator.firstSeen(event.messageId())) {
            LOG.debugf("run %s: skipping duplicate message %s", event.runId(), event.messageId());
            return;
        }
        try {
            observer.onEvent(event);
        } catch (RuntimeException e) {
            // A failure here would nack the record and stop the channel; log it and keep observing other runs.
            LOG.errorf(e, "run %s: could not handle %s", event.runId(), event.getClass().getSimpleName());
        }
    }
}
