package dev.faultline.observer.breaker;

import dev.faultline.common.verdict.BreakerTimeline;
import dev.faultline.common.verdict.BreakerTransition;
import dev.faultline.observer.patterns.MetricsPoll;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each breaker's state changes from the polls of a run: the first state seen, then a transition at every poll that
 * showed a different state than the last one seen. Polls without the breaker's series (the service was down, the
 * breaker not created yet) change nothing, so a restart does not invent a transition.
 */
public final class BreakerTimelines {

    private BreakerTimelines() {
    }

    public static List<BreakerTimeline> of(List<MetricsPoll> polls, long resolutionMillis) {
        if (resolutionMillis <= 0) {
            return List.of();
        }
        Map<TrackedBreaker, List<Reading>> byBreaker = new LinkedHashMap<>();
        polls.stream().sorted(Comparator.comparing(MetricsPoll::at)).forEach(p -> p.breakers().forEach(r ->
                byBreaker.computeIfAbsent(r.breaker(), b -> new ArrayList<>()).add(new Reading(p.at(), r.state()))));
        List<BreakerTimeline> timelines = new ArrayList<>();
        byBreaker.forEach((b, readings) -> timelines.add(timeline(b, readings, resolutionMillis)));
        return timelines;
    }

    private static BreakerTimeline timeline(TrackedBreaker b, List<Reading> readings, long resolutionMillis) {
        List<BreakerTransition> transitions = new ArrayList<>();
        String last = null;
        Instant lastAt = null;
        int withState = 0;
        for (Reading r : readings) {
            if (r.state() == null) {
                continue;
            }
            withState++;
            if (!r.state().equals(last)) {
                // Two polls of one instant (a test's extra poll) have no interval between them to state.
                transitions.add(new BreakerTransition(r.state(), r.at(),
                        lastAt != null && lastAt.isBefore(r.at()) ? lastAt : null));
                last = r.state();
            }
            lastAt = r.at();
        }
        return new BreakerTimeline(b.name(), b.library(), b.metricsUrl(), b.series(), b.discovered(), readings.size(),
                withState, transitions, resolutionMillis);
    }

    private record Reading(Instant at, String state) {
    }
}
