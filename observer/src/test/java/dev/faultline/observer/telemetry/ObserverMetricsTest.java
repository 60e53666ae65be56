package dev.faultline.observer.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.verdict.FailureKind;
import dev.faultline.observer.probe.ProbeSample;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ObserverMetricsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ObserverMetrics metrics = new ObserverMetrics(meters);

    @Test
    void everySampleIsTimedAndAFailedOneCountedByWhatFailed() {
        metrics.probed(ProbeSample.answered("health", T0, 200, 200, 12));
        metrics.probed(ProbeSample.answered("health", T0, 503, 200, 3));
        metrics.probed(ProbeSample.unanswered("health", T0, "timed out", FailureKind.TIMEOUT, 2000));

        Timer latency = meters.get("faultline.probe.latency").tag("probe", "health").timer();
        assertThat(latency.count()).isEqualTo(3);
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2015.0);
        assertThat(failures("status")).as("failed by its status alone").isEqualTo(1);
        assertThat(failures("timeout")).isEqualTo(1);
        assertThat(meters.find("faultline.probe.failures").tag("failure", "body").counter()).isNull();
    }

    private double failures(String failure) {
        return meters.get("faultline.probe.failures").tags("probe", "health", "failure", failure).counter().count();
    }
}
