package dev.faultline.observer.patterns;

import dev.faultline.common.experiment.LoadBalancer;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.observer.routing.RequestShare;
import dev.faultline.observer.routing.ServerState;
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
     * The first poll at or after injection where the load balancer reports the server unhealthy, or where it got no
     * new request while the other servers did (its share of traffic dropped to zero). Which proxy reported it does
     * not matter here: every source gives the same {@link ServerState}.
     */
    static Instant routedAway(List<MetricsPoll> polls, Instant injected, String server) {
        if (server == null) {
            return null;
        }
        MetricsPoll previous = null;
        for (MetricsPoll poll : polls) {
            ServerState state = poll.servers().get(server);
            if (!poll.at().isBefore(injected) && state != null) {
                if (!state.healthy()) {
                    return poll.at();
                }
                if (previous != null && RequestShare.routedAwayFrom(server, previous.servers(), poll.servers())) {
                    return poll.at();
                }
            }
            previous = poll;
        }
        return null;
    }
}
