package dev.faultline.observer.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.HttpProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A sample's instants: when the check says its request went out, not when the tick issued it. */
class ScheduledProbeTest {

    private static final Instant ISSUED = Instant.parse("2026-12-01T10:00:00Z");
    private final HttpProbe probe = new HttpProbe("health", "http://127.0.0.1:1/health", 200, Duration.ofMillis(100),
            Duration.ofMillis(500));
    private final List<ProbeSample> samples = new CopyOnWriteArrayList<>();

    @Test
    void aRequestHeldInAQueueIsSentWhenItWentOutAndItsLatencyCountsFromThere() throws Exception {
        CompletableFuture<ProbeCheck.Outcome> answer = new CompletableFuture<>();
        long[] issuedNanos = new long[1];
        ScheduledProbe scheduled = new ScheduledProbe(probe, () -> {
            issuedNanos[0] = System.nanoTime();
            return answer;
        }, ISSUED.plusSeconds(60), samples::add, Clock.fixed(ISSUED, ZoneOffset.UTC), null);

        scheduled.tick();
        // the event loop wrote the request 30 ms after the tick; the answer came 20 ms after that
        long wire = issuedNanos[0] + TimeUnit.MILLISECONDS.toNanos(30);
        while (System.nanoTime() < wire + TimeUnit.MILLISECONDS.toNanos(20)) {
            Thread.sleep(1);
        }
        answer.complete(new ProbeCheck.Outcome(true, 200, null, null).sentAt(wire));

        assertThat(samples).singleElement().satisfies(s -> {
            // the tick took its nanoTime a few microseconds before the check's
            assertThat(s.sentAt()).isBetween(ISSUED.plusMillis(30), ISSUED.plusMillis(31));
            assertThat(s.latencyMillis()).isBetween(20L, 200L);
        });
    }

    @Test
    void anOutcomeWithoutASendInstantIsSentWhenIssued() {
        ScheduledProbe scheduled = new ScheduledProbe(probe,
                () -> CompletableFuture.completedFuture(new ProbeCheck.Outcome(false, 503, null, null)),
                ISSUED.plusSeconds(60), samples::add, Clock.fixed(ISSUED, ZoneOffset.UTC), null);

        scheduled.tick();

        assertThat(samples).singleElement().satisfies(s -> {
            assertThat(s.sentAt()).isEqualTo(ISSUED);
            assertThat(s.status()).isEqualTo(503);
        });
    }
}
