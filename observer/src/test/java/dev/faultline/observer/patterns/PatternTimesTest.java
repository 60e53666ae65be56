package dev.faultline.observer.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.observer.routing.ServerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routed away, from server states alone: the same rule whichever load balancer reported them. */
class PatternTimesTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** One poll every 100 ms; {@code s1}, {@code s2} are each server's request counter, null = no counter. */
    static MetricsPoll poll(int tenths, boolean s1Healthy, Long s1, Long s2) {
        return new MetricsPoll(T0.plusMillis(100L * tenths), null, null, Map.of(
                "s1", new ServerState(s1Healthy, s1Healthy ? "healthy" : "/failed_active_hc", s1),
                "s2", new ServerState(true, "healthy", s2)));
    }

    @Test
    void anUnhealthyServerIsRoutedAwayAtThePollThatSaysSo() {
        List<MetricsPoll> polls = List.of(poll(0, true, 1L, 1L), poll(1, true, 2L, 2L), poll(2, false, 2L, 3L));

        assertThat(PatternTimes.routedAway(polls, T0.plusMillis(50), "s1")).isEqualTo(T0.plusMillis(200));
        assertThat(PatternTimes.routedAway(polls, T0.plusMillis(50), "s2")).isNull();
    }

    @Test
    void aServerThatGetsNothingWhileOthersGetTenRequestsWasRoutedAwayFromTheFirstQuietPoll() {
        List<MetricsPoll> polls = new ArrayList<>(List.of(poll(0, true, 10L, 10L), poll(1, true, 11L, 11L)));
        for (int i = 2; i <= 6; i++) {
            polls.add(poll(i, true, 11L, 11L + 2L * (i - 1)));   // s2 takes 2 per poll, s1 none, still "healthy"
        }

        assertThat(PatternTimes.routedAway(polls, T0.plusMillis(150), "s1")).isEqualTo(T0.plusMillis(200));
        // Four polls in, s2 had only 8: not yet proof.
        assertThat(PatternTimes.routedAway(polls.subList(0, 6), T0.plusMillis(150), "s1")).isNull();
    }

    @Test
    void aLightLoadThatMissesAServerForOnePollIsNotRoutingAway() {
        List<MetricsPoll> polls = List.of(poll(0, true, 0L, 0L), poll(1, true, 0L, 1L), poll(2, true, 1L, 1L),
                poll(3, true, 1L, 2L), poll(4, true, 2L, 2L), poll(5, true, 2L, 3L));

        assertThat(PatternTimes.routedAway(polls, T0, "s1")).isNull();
    }

    @Test
    void withoutRequestCountersOnlyHealthCounts() {
        List<MetricsPoll> polls = List.of(poll(0, true, null, null), poll(1, true, null, null),
                poll(2, false, null, null));

        assertThat(PatternTimes.routedAway(polls, T0, "s1")).isEqualTo(T0.plusMillis(200));
    }
}
