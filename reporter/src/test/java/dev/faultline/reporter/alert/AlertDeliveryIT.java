package dev.faultline.reporter.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.dynamodb.DynamoDbClients;
import dev.faultline.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@link AlertDelivery} with its real ledger (a table of this test's own on dynalite) and channels that stand for a
 * target that hangs, one that keeps failing, one that refuses: the caller is never held up, the attempts are bounded,
 * and every outcome is recorded and counted.
 */
class AlertDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofSeconds(10));

    private DynamoDbClient dynamo;
    private AlertLedger ledger;
    private ScheduledExecutorService executor;
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @BeforeEach
    void ownTable() {
        dynamo = DynamoDbClients.build(Optional.of(TestInfrastructure.requireDynamoDb()), "us-east-1");
        ledger = new AlertLedger(dynamo, "it-alert-delivery-" + UUID.randomUUID().toString().substring(0, 8));
        ledger.ensure();
        executor = Executors.newScheduledThreadPool(2);
    }

    @AfterEach
    void dropTable() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        try {
            dynamo.deleteTable(b -> b.tableName(ledger.table()));
        } catch (ResourceNotFoundException alreadyGone) {
            // nothing to clean up
        }
        dynamo.close();
    }

    @Test
    void aTargetThatHangsHoldsUpNeitherTheCallerNorTheOtherTarget() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Channel hanging = new Channel("webhook", "webhook-0", alert -> waitFor(release));
        Channel quick = new Channel("sns", "sns", alert -> { });
        AlertDelivery delivery = delivery(List.of(hanging, quick));
        Alert alert = alert();

        long start = System.nanoTime();
        assertThat(delivery.raise(alert)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("raise returns once claimed")
                .isLessThan(Duration.ofSeconds(2));

        await().atMost(WAIT).until(() -> outcome(alert, "sns"), "sent"::equals);
        assertThat(outcome(alert, "webhook-0")).isEqualTo("pending");
        release.countDown();
        await().atMost(WAIT).until(() -> outcome(alert, "webhook-0"), "sent"::equals);
    }

    @Test
    void aTargetThatKeepsFailingIsTriedTheMaximumTimesThenRecordedFailedWithItsLastError() {
        AtomicInteger attempts = new AtomicInteger();
        Channel failing = new Channel("webhook", "webhook-0", alert -> {
            throw new DeliveryFailure("webhook-0 answered HTTP 503: attempt " + attempts.incrementAndGet(), true);
        });
        AlertDelivery delivery = delivery(List.of(failing));
        Alert alert = alert();

        delivery.raise(alert);

        await().atMost(WAIT).until(() -> outcome(alert, "webhook-0"), "failed"::equals);
        AlertLedger.Delivery recorded = ledger.deliveries(alert.id()).orElseThrow().get("webhook-0");
        assertThat(recorded.attempts()).isEqualTo(4);
        assertThat(recorded.lastError()).isEqualTo("webhook-0 answered HTTP 503: attempt 4");
        assertThat(attempts).hasValue(4);
        assertThat(metrics.counter(AlertDelivery.METRIC, "channel", "webhook", "outcome", "failed").count())
                .isEqualTo(1.0);
        assertThat(metrics.counter(AlertDelivery.METRIC, "channel", "webhook", "outcome", "sent").count())
                .isZero();
    }

    @Test
    void aRefusalIsNotRetriedAndASecondRaiseOfTheSameAlertSendsNothing() {
        AtomicInteger attempts = new AtomicInteger();
        Channel refusing = new Channel("sns", "sns", alert -> {
            attempts.incrementAndGet();
            throw new DeliveryFailure("SNS refused the publish (HTTP 404, NotFound)", false);
        });
        AlertDelivery delivery = delivery(List.of(refusing));
        Alert alert = alert();

        assertThat(delivery.raise(alert)).isTrue();
        await().atMost(WAIT).until(() -> outcome(alert, "sns"), "failed"::equals);
        assertThat(delivery.raise(alert)).as("claimed before").isFalse();

        assertThat(attempts).hasValue(1);
        assertThat(ledger.deliveries(alert.id()).orElseThrow().get("sns").attempts()).isEqualTo(1);
    }

    private AlertDelivery delivery(List<AlertChannel> channels) {
        // The jitter at its middle: the waits are 25-50 ms, 50-100 ms, ... whatever it draws.
        return new AlertDelivery(channels, ledger, FAST, metrics, Clock.systemUTC(), () -> 0.5, executor);
    }

    private String outcome(Alert alert, String target) {
        return ledger.deliveries(alert.id()).map(d -> d.get(target).outcome()).orElse("none");
    }

    private static Alert alert() {
        String run = "run-" + UUID.randomUUID();
        return new Alert(Alert.idOf(AlertKind.FAIL, run), AlertKind.FAIL, "kill-web", run, null, null, "FAIL",
                "run " + run + " of kill-web: FAIL", List.of(), 50, null, null, Instant.now());
    }

    private static void waitFor(CountDownLatch latch) throws DeliveryFailure {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new DeliveryFailure("never released", false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("interrupted", false, e);
        }
    }

    /** A target whose every attempt does what the test says. */
    private record Channel(String channel, String target, Attempt attempt) implements AlertChannel {
        @Override
        public void send(Alert alert) throws DeliveryFailure {
            attempt.run(alert);
        }
    }

    @FunctionalInterface
    private interface Attempt {
        void run(Alert alert) throws DeliveryFailure;
    }
}
