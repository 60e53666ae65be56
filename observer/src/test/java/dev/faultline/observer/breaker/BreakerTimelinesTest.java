package dev.faultline.observer.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.CircuitBreakerSpec;
import dev.faultline.common.verdict.BreakerTimeline;
import dev.faultline.common.verdict.BreakerTransition;
import dev.faultline.observer.patterns.MetricsPoll;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BreakerTimelinesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final TrackedBreaker GATEWAY = TrackedBreaker.named(new CircuitBreakerSpec("resilience4j",
            "defaultCircuitBreaker", "http://127.0.0.1:8090/actuator/prometheus", null, null, null));

    @Test
    void givesTheFirstStateThenEachChangeWithThePollBefore() {
        List<MetricsPoll> polls = polls("closed", "closed", "open", "open", "open", "half-open", "closed", "closed");

        BreakerTimeline t = BreakerTimelines.of(polls, 500).get(0);

        assertThat(t.transitions()).containsExactly(
                new BreakerTransition("closed", at(0), null),
                new BreakerTransition("open", at(2), at(1)),
                new BreakerTransition("half-open", at(5), at(4)),
                new BreakerTransition("closed", at(6), at(5)));
        assertThat(t.path()).isEqualTo("closed → open → half-open → closed");
        assertThat(t.polls()).isEqualTo(8);
        assertThat(t.pollsWithState()).isEqualTo(8);
        assertThat(t.resolutionMillis()).isEqualTo(500);
        assertThat(t.series()).isEqualTo("resilience4j_circuitbreaker_state{name=\"defaultCircuitBreaker\"}");
    }

    @Test
    void pollsWithoutTheSeriesChangeNothing() {
        // The service restarted: its metrics answered without the breaker, then with it closed again.
        List<MetricsPoll> polls = polls("open", null, null, "open", "closed");

        BreakerTimeline t = BreakerTimelines.of(polls, 500).get(0);

        assertThat(t.transitions()).extracting(BreakerTransition::state).containsExactly("open", "closed");
        assertThat(t.transitions().get(1).previousPollAt()).isEqualTo(at(3));
        assertThat(t.pollsWithState()).isEqualTo(3);
    }

    @Test
    void aBreakerNeverSeenHasNoTransitions() {
        BreakerTimeline t = BreakerTimelines.of(polls(null, null), 500).get(0);

        assertThat(t.transitions()).isEmpty();
        assertThat(t.path()).isEqualTo("no series");
    }

    @Test
    void pollsThatReadNoBreakerGiveNoTimeline() {
        assertThat(BreakerTimelines.of(List.of(new MetricsPoll(T0, null, null, Map.of())), 500)).isEmpty();
    }

    private static List<MetricsPoll> polls(String... states) {
        List<MetricsPoll> polls = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            polls.add(new MetricsPoll(at(i), null, null, Map.of(), List.of(new BreakerReading(GATEWAY, states[i]))));
        }
        return polls;
    }

    private static Instant at(int poll) {
        return T0.plusMillis(500L * poll);
    }
}
