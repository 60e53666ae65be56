package dev.faultline.observer.patterns;

import dev.faultline.common.experiment.LoadBalancer;
import dev.faultline.common.verdict.RecoveryTimeline;
import java.time.Instant;
import java.util.List;

/**
 * Reads, from the polls taken during a run, when the load balancer routed traffic away from a fault's target and
 * when the circuit breaker opened, went half-open and closed after the injection. Every time is the first poll
 * that showed the state, so the true transition lies within one poll interval before it.
 */
public final class PatternTimes {

    private PatternTimes() {
    }

    public static RecoveryTimeline addTo(RecoveryTimeline timeline, List<MetricsPoll> polls, LoadBalancer lb,
            long pollIntervalMillis) {
        if (polls.isEmpty()) {
            return timeline;
        }
        Instant injected = timeline.injectedAt();
        List<MetricsPoll> after = polls.stream().filter(p -> !p.at().isBefore(injected)).toList();
        Instant routedAway = lb == null ? null : routedAway(polls, injected, lb.servers()
                .get(timeline.target().containerName()));
        Instant opened = first(after, "open", null);
        Instant halfOpen = opened == null ? null : first(after, "half-open", opened);
        Instant closed = opened == null ? null : first(after, "closed", opened);
        return timeline.withPatterns(routedAway, opened, halfOpen, closed, pollIntervalMillis);
    }

    private static Instant first(List<MetricsPoll> polls, String state, Instant notBefore) {
        return polls.stream()
                .filter(p -> notBefore == null || p.at().isAfter(notBefore))
                .filter(p -> state.equals(p.circuit()))
                .map(MetricsPoll::at)
                .findFirst().orElse(null);
    }

    /**
     * The first poll at or after injection where the server is not UP, or where it got no new session while the
     * backend's other servers did (its share of traffic dropped to zero).
     */
    static Instant routedAway(List<MetricsPoll> polls, Instant injected, String server) {
        if (server == null) {
            return null;
        }
        MetricsPoll previous = null;
        for (MetricsPoll poll : polls) {
            MetricsPoll.ServerState state = poll.servers().get(server);
            if (!poll.at().isBefore(injected) && state != null) {
                if (!state.up()) {
                    return poll.at();
                }
                if (previous != null && previous.servers().containsKey(server)) {
                    long own = state.totalSessions() - previous.servers().get(server).totalSessions();
                    long others = othersDelta(previous, poll, server);
                    if (own == 0 && others > 0) {
                        return poll.at();
                    }
                }
            }
            previous = poll;
        }
        return null;
    }

    private static long othersDelta(MetricsPoll before, MetricsPoll after, String server) {
        long delta = 0;
        for (var e : after.servers().entrySet()) {
            MetricsPoll.ServerState was = before.servers().get(e.getKey());
            if (!e.getKey().equals(server) && was != null) {
                delta += e.getValue().totalSessions() - was.totalSessions();
            }
        }
        return delta;
    }
}
