package dev.faultline.reporter.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.jboss.logging.Logger;

/**
 * Sends claimed alerts to every target, off the Kafka consumers' threads: the caller only claims the alert (one
 * conditional write), every attempt and every wait between attempts runs on this executor, so a slow or dead target
 * delays its own alert and nothing else. Retries follow the {@link RetryPolicy}; each target's outcome is recorded
 * in the {@link AlertLedger} and counted in {@code faultline_alert_deliveries_total{channel,outcome}}.
 */
public final class AlertDelivery {

    static final String METRIC = "faultline.alert.deliveries";
    private static final Logger LOG = Logger.getLogger(AlertDelivery.class);

    private final List<AlertChannel> channels;
    private final AlertLedger ledger;
    private final RetryPolicy policy;
    private final MeterRegistry registry;
    private final Clock clock;
    private final DoubleSupplier random;
    private final ScheduledExecutorService executor;

    public AlertDelivery(List<AlertChannel> channels, AlertLedger ledger, RetryPolicy policy, MeterRegistry registry,
            Clock clock, DoubleSupplier random, ScheduledExecutorService executor) {
        this.channels = List.copyOf(channels);
        this.ledger = ledger;
        this.policy = policy;
        this.registry = registry;
        this.clock = clock;
        this.random = random;
        this.executor = executor;
        // Every series exists from the start at 0, so that a rate or an alerting rule sees the first failure.
        for (AlertChannel channel : this.channels) {
            counter(channel, "sent");
            counter(channel, "failed");
        }
    }

    public List<AlertChannel> channels() {
        return channels;
    }

    /**
     * Claims the alert and, when this call won the claim, schedules its sending to every target.
     *
     * @return false when the alert was claimed before (a redelivered message): nothing is sent
     */
    public boolean raise(Alert alert) {
        if (channels.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        if (!ledger.claim(alert, channels.stream().map(AlertChannel::target).toList(), now)) {
            LOG.debugf("alert %s was claimed before; not sent again", alert.id());
            return false;
        }
        for (AlertChannel channel : channels) {
            schedule(() -> attempt(channel, alert, 1, now), Duration.ZERO, channel, alert, 0);
        }
        return true;
    }

    private void attempt(AlertChannel channel, Alert alert, int attempt, Instant firstAttempt) {
        try {
            channel.send(alert);
            LOG.infof("alert %s sent to %s (attempt %d)", alert.id(), channel.target(), attempt);
            finish(channel, alert, new AlertLedger.Delivery("sent", attempt, null, clock.instant()));
        } catch (DeliveryFailure failure) {
            Duration elapsed = Duration.between(firstAttempt, clock.instant());
            Optional<Duration> next = failure.retryable()
                    ? policy.nextDelay(attempt, elapsed, random.getAsDouble())
                    : Optional.empty();
            if (next.isPresent()) {
                LOG.infof("alert %s to %s: attempt %d failed (%s); next in %d ms", alert.id(), channel.target(),
                        attempt, failure.getMessage(), next.get().toMillis());
                schedule(() -> attempt(channel, alert, attempt + 1, firstAttempt), next.get(), channel, alert,
                        attempt);
            } else {
                LOG.warnf("alert %s to %s failed after %d attempt(s)%s: %s", alert.id(), channel.target(), attempt,
                        failure.retryable() ? "" : " (not retried: the target refused it)", failure.getMessage());
                finish(channel, alert, new AlertLedger.Delivery("failed", attempt, failure.getMessage(),
                        clock.instant()));
            }
        } catch (RuntimeException unexpected) {
            LOG.errorf(unexpected, "alert %s to %s: attempt %d failed unexpectedly; not retried", alert.id(),
                    channel.target(), attempt);
            finish(channel, alert, new AlertLedger.Delivery("failed", attempt, unexpected.toString(),
                    clock.instant()));
        }
    }

    private void finish(AlertChannel channel, Alert alert, AlertLedger.Delivery delivery) {
        counter(channel, delivery.outcome()).increment();
        try {
            ledger.record(alert.id(), channel.target(), delivery);
        } catch (RuntimeException e) {
            // The delivery itself is over; only its record is missing (the item still says pending).
            LOG.errorf(e, "alert %s to %s: %s, but the outcome could not be recorded in %s", alert.id(),
                    channel.target(), delivery.outcome(), ledger.table());
        }
    }

    private void schedule(Runnable task, Duration delay, AlertChannel channel, Alert alert, int attemptsMade) {
        try {
            executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.warnf("alert %s to %s: the reporter is stopping; not sent", alert.id(), channel.target());
            finish(channel, alert, new AlertLedger.Delivery("failed", attemptsMade,
                    "the reporter stopped before the delivery", clock.instant()));
        }
    }

    private Counter counter(AlertChannel channel, String outcome) {
        return Counter.builder(METRIC).description("alert deliveries by channel and outcome (sent, failed)")
                .tag("channel", channel.channel()).tag("outcome", outcome).register(registry);
    }
}
