package dev.faultline.reporter.inbound;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.reporter.MessageTypes;
import dev.faultline.reporter.alert.AlertTrigger;
import dev.faultline.reporter.store.RunStore;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Persists every run's events from {@code chaos-events}, then hands each to the alerts (an abort, a halt, a skipped
 * schedule occurrence alert). Heartbeats belong to no run and are not kept; other events of no run (a schedule's)
 * are not kept either but may alert.
 *
 * <p>When DynamoDB refuses a write, the exception propagates: the message is nacked and, with the channel's
 * {@code failure-strategy=fail}, the consumer stops and the health check reports it DOWN, without committing the
 * message's offset. A restart (by the platform, after DynamoDB is back) reads the message again, and the
 * idempotent writes make the repeat harmless. Skipping the message instead would leave a hole in the run's record
 * that nobody notices; a dead-letter topic would need a consumer of its own. The SDK has already retried the write
 * (three attempts with back-off) before we give up.
 */
@ApplicationScoped
public class EventsConsumer {

    private static final Logger LOG = Logger.getLogger(EventsConsumer.class);

    private final RunStore store;
    private final AlertTrigger alerts;

    public EventsConsumer(RunStore store, AlertTrigger alerts) {
        this.store = store;
        this.alerts = alerts;
    }

    @Incoming("events")
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    public void consume(String json) {
        Optional<ChaosEvent> parsed = InboundJson.read(json, ChaosEvent.class, "chaos-events");
        if (parsed.isEmpty() || parsed.get() instanceof AgentHeartbeat) {
            return;
        }
        ChaosEvent event = parsed.get();
        try {
            if (event.runId() == null) {
                LOG.debugf("%s %s names no run; not stored", MessageTypes.nameOf(event), event.messageId());
            } else {
                boolean added = store.record(event);
                LOG.debugf("run %s: %s %s %s", event.runId(), MessageTypes.nameOf(event), event.messageId(),
                        added ? "stored" : "was already stored");
            }
            alerts.onEvent(event);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: could not persist %s %s or claim its alert; the message is nacked and the consumer"
                    + " stops so that it is read again after a restart", event.runId() == null ? event.key()
                    : "run " + event.runId(), MessageTypes.nameOf(event), event.messageId());
            throw e;
        }
    }
}
