package dev.faultline.observer.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.experiment.DegradedCheck;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Probe;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.ProbeSegment;
import dev.faultline.common.verdict.ProbeStatus;
import dev.faultline.observer.probe.BodyShape;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.timeline.TimelineCalculator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeStatusesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant PLANNED = T0.plusSeconds(1);
    private static final TargetRef TARGET = new TargetRef("agent-1", "c0ffee", "orders");
    private static final Probe HEALTH = new HttpProbe("health", "http://127.0.0.1:8080/health", 200,
            Duration.ofMillis(250), Duration.ofSeconds(1));

    @Test
    void aProbeWithoutSamplesIsNone() {
        assertThat(ProbeStatuses.of(List.of(HEALTH), List.of(), null, PLANNED, T0))
                .containsExactly(new ProbeStatus("health", ProbeStatus.NONE, null, 0, 0, null, null, null));
    }

    @Test
    void beforeTheFirstInjectionThereIsNoAvailabilityYet() {
        List<ProbeSample> samples = List.of(ProbeSample.answered("health", T0, 200, 200, 3),
                ProbeSample.answered("health", T0.plusMillis(250), 503, 200, 3));

        ProbeStatus status = ProbeStatuses.of(List.of(HEALTH), samples, null, PLANNED, T0.plusMillis(300)).get(0);

        assertThat(status).isEqualTo(new ProbeStatus("health", ProbeSegment.FAILED, T0.plusMillis(250), 2, 1, null,
                503, "status 503"));
    }

    @Test
    void availabilityCountsTheSamplesAnsweredSinceTheInjectionAsTheObjectiveDoes() {
        Instant injectedAt = T0.plusMillis(1_100);
        FaultInjected first = FaultInjected.of("run-1", "f1", "container-kill", TARGET, injectedAt, 3, injectedAt);
        List<ProbeSample> samples = new ArrayList<>();
        // 0..1000 ok (steady state, not counted), then 1250..2000 failed (4), 2250..2500 ok (2)
        for (int i = 0; i <= 10; i++) {
            Instant at = T0.plusMillis(250L * i);
            samples.add(i >= 5 && i <= 8 ? ProbeSample.unanswered("health", at, "connection refused", 2)
                    : ProbeSample.answered("health", at, 200, 200, 3));
        }
        Instant now = T0.plusMillis(2_600);

        ProbeStatus status = ProbeStatuses.of(List.of(HEALTH), samples, first, PLANNED, now).get(0);

        assertThat(status.availabilityPercent()).isEqualTo(100.0 * 2 / 6);
        assertThat(status.availabilityPercent()).as("the figure the verdict's timeline will have")
                .isEqualTo(TimelineCalculator.calculate("f1", TARGET, "health", injectedAt, samples, now, 250)
                        .availabilityPercent());
        assertThat(status.samples()).isEqualTo(11);
        assertThat(status.failed()).isEqualTo(4);
        assertThat(status.state()).isEqualTo(ProbeSegment.OK);
        assertThat(status.lastStatus()).isEqualTo(200);
        assertThat(status.lastError()).isNull();
    }

    @Test
    void rightAfterTheInjectionWithoutAnAnswerSinceTheAvailabilityIsNotYetKnown() {
        Instant injectedAt = T0.plusMillis(300);
        FaultInjected first = FaultInjected.of("run-1", "f1", "container-kill", TARGET, injectedAt, 3, injectedAt);

        ProbeStatus status = ProbeStatuses.of(List.of(HEALTH),
                List.of(ProbeSample.answered("health", T0, 200, 200, 3)), first, PLANNED, T0.plusMillis(310)).get(0);

        assertThat(status.availabilityPercent()).isNull();
    }

    @Test
    void theLastSampleIsDegradedWhenTheProbesDegradedCheckFlagsIt() {
        Probe summary = new HttpProbe("summary", "http://127.0.0.1:8080/summary", null, Duration.ofMillis(250),
                Duration.ofSeconds(1), null, null, null, DegradedCheck.SHAPE);
        BodyShape full = BodyShape.of("{\"items\": [{\"id\": 1}]}");
        BodyShape emptied = BodyShape.of("{\"items\": []}");
        Instant injectedAt = T0.plusMillis(600);
        FaultInjected first = FaultInjected.of("run-1", "f1", "container-kill", TARGET, injectedAt, 3, injectedAt);
        List<ProbeSample> samples = List.of(ProbeSample.answeredWithBody("summary", T0, 200, 3, full),
                ProbeSample.answeredWithBody("summary", T0.plusMillis(250), 200, 3, full),
                ProbeSample.answeredWithBody("summary", T0.plusMillis(750), 200, 3, emptied));

        ProbeStatus status = ProbeStatuses.of(List.of(summary), samples, first, PLANNED, T0.plusMillis(800)).get(0);

        assertThat(status.state()).isEqualTo(ProbeSegment.DEGRADED);
        assertThat(status.failed()).isZero();
        assertThat(status.availabilityPercent()).as("degraded answers are successes").isEqualTo(100.0);
    }
}
