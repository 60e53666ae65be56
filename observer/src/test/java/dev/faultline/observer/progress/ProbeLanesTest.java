package dev.faultline.observer.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.DegradedCheck;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Probe;
import dev.faultline.common.experiment.TcpProbe;
import dev.faultline.common.verdict.ProbeLane;
import dev.faultline.common.verdict.ProbeSegment;
import dev.faultline.observer.probe.BodyShape;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeLanesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant INJECTED = T0.plusSeconds(1);
    private static final Instant WINDOW_END = T0.plusSeconds(5);
    private static final Duration INTERVAL = Duration.ofMillis(250);
    private static final BodyShape FULL = BodyShape.of("{\"user\": \"ada\", \"recommendations\": [{\"id\": 1}]}");
    private static final BodyShape EMPTIED = BodyShape.of("{\"user\": \"ada\", \"recommendations\": []}");

    @Test
    void consecutiveSamplesInTheSameStateBecomeOneSegmentFromTheFirstToTheLastSentAt() {
        Probe health = http("health", null);
        // 0..750 ok (4), 1000..1500 failed (3), 1750 ok (1), all sent every 250 ms
        List<ProbeSample> samples = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Instant at = T0.plusMillis(250L * i);
            samples.add(i >= 4 && i < 7 ? ProbeSample.answered("health", at, 503, 200, 3)
                    : ProbeSample.answered("health", at, 200, 200, 3));
        }
        java.util.Collections.reverse(samples); // the order they are recorded in does not matter

        ProbeLane lane = ProbeLanes.of(List.of(health), samples, INJECTED, WINDOW_END).get(0);

        assertThat(lane.probe()).isEqualTo("health");
        assertThat(lane.intervalMillis()).isEqualTo(250);
        assertThat(lane.segments()).containsExactly(
                new ProbeSegment(ProbeSegment.OK, T0, T0.plusMillis(750), 4),
                new ProbeSegment(ProbeSegment.FAILED, T0.plusMillis(1_000), T0.plusMillis(1_500), 3),
                new ProbeSegment(ProbeSegment.OK, T0.plusMillis(1_750), T0.plusMillis(1_750), 1));
    }

    @Test
    void aSingleSampleIsASegmentFromAndToItsSendTime() {
        ProbeLane lane = ProbeLanes.of(List.of(http("health", null)),
                List.of(ProbeSample.unanswered("health", T0, "connection refused", 1)), INJECTED, WINDOW_END).get(0);

        assertThat(lane.segments()).containsExactly(new ProbeSegment(ProbeSegment.FAILED, T0, T0, 1));
    }

    @Test
    void aSuccessThatDegradedFlagsIsDegradedAsTheVerdictDecidesIt() {
        Probe summary = http("summary", DegradedCheck.SHAPE);
        Probe plain = http("plain", null);
        List<ProbeSample> samples = new ArrayList<>();
        // steady state (0..750) full, then emptied bodies from 1000 to 1750, full again from 2000 to 2250
        for (String probe : List.of("summary", "plain")) {
            for (int i = 0; i < 10; i++) {
                BodyShape shape = i >= 4 && i < 8 ? EMPTIED : FULL;
                samples.add(ProbeSample.answeredWithBody(probe, T0.plusMillis(250L * i), 200, 3, shape));
            }
        }

        List<ProbeLane> lanes = ProbeLanes.of(List.of(summary, plain), samples, INJECTED, WINDOW_END);

        assertThat(lanes.get(0).segments()).containsExactly(
                new ProbeSegment(ProbeSegment.OK, T0, T0.plusMillis(750), 4),
                new ProbeSegment(ProbeSegment.DEGRADED, T0.plusMillis(1_000), T0.plusMillis(1_750), 4),
                new ProbeSegment(ProbeSegment.OK, T0.plusMillis(2_000), T0.plusMillis(2_250), 2));
        assertThat(lanes.get(1).segments()).as("without degraded: an emptied body is a success")
                .containsExactly(new ProbeSegment(ProbeSegment.OK, T0, T0.plusMillis(2_250), 10));
    }

    @Test
    void aSlowSuccessIsDegradedWhenTheProbeSetsALatencyBound() {
        Probe slowCheck = http("api", new DegradedCheck(false, Duration.ofMillis(100)));
        List<ProbeSample> samples = List.of(ProbeSample.answered("api", T0, 200, 200, 20),
                ProbeSample.answered("api", T0.plusMillis(250), 200, 200, 400),
                ProbeSample.answered("api", T0.plusMillis(500), 500, 200, 400));

        assertThat(ProbeLanes.of(List.of(slowCheck), samples, INJECTED, WINDOW_END).get(0).segments())
                .extracting(ProbeSegment::state)
                .containsExactly(ProbeSegment.OK, ProbeSegment.DEGRADED, ProbeSegment.FAILED);
    }

    @Test
    void aProbeWithoutSamplesHasAnEmptyLaneAndSamplesAfterTheWindowAreLeftOut() {
        Probe health = http("health", null);
        Probe tcp = new TcpProbe("db-port", "127.0.0.1", 5432, Duration.ofMillis(500), Duration.ofMillis(200));
        List<ProbeSample> samples = List.of(ProbeSample.answered("health", WINDOW_END, 200, 200, 3),
                ProbeSample.answered("health", WINDOW_END.plusMillis(250), 503, 200, 3));

        List<ProbeLane> lanes = ProbeLanes.of(List.of(health, tcp), samples, INJECTED, WINDOW_END);

        assertThat(lanes).extracting(ProbeLane::probe).containsExactly("health", "db-port");
        assertThat(lanes.get(0).segments()).containsExactly(
                new ProbeSegment(ProbeSegment.OK, WINDOW_END, WINDOW_END, 1));
        assertThat(lanes.get(1).segments()).isEmpty();
        assertThat(lanes.get(1).intervalMillis()).isEqualTo(500);
    }

    private static HttpProbe http(String name, DegradedCheck degraded) {
        return new HttpProbe(name, "http://127.0.0.1:8080/" + name, null, INTERVAL, Duration.ofSeconds(1), null, null,
                null, degraded);
    }
}
