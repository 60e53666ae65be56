package dev.faultline.observer.patterns;

import dev.faultline.common.experiment.LoadBalancer;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.observer.routing.RequestShare;
import dev.faultline.observer.routing.ServerState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
     * How many requests the other servers must get, while the target gets none, before that counts as routed away.
     * One poll interval under a light load may hold a single request, which one server gets and the other not; ten in
     * a row that a balancing proxy sent elsewhere are no accident (a fair choice would miss it with odds of 1 in
     * 1024).
     */
    static final long MIN_REQUESTS_ELSEWHERE = 10;

    /**
     * The first poll at or after injection where the load balancer reports the server unhealthy, or from which on it
     * got no new request while the other servers got at least {@link #MIN_REQUESTS_ELSEWHERE} (its share of traffic
     * dropped to zero; the instant is the first poll of that quiet stretch, not the one that completed the count).
     * Which proxy reported it does not matter here: every source gives the same {@link ServerState}.
     */
    static Instant routedAway(List<MetricsPoll> polls, Instant injected, String server) {
        if (server == null) {
            return null;
        }
        MetricsPoll previous = null;
        Instant quietSince = null;
        long elsewhere = 0;
        for (MetricsPoll poll : polls) {
            ServerState state = poll.servers().get(server);
            if (state == null) {
                continue; // an unreadable poll: the next readable one is compared with the last readable one
            }
            boolean afterInjection = !poll.at().isBefore(injected);
            if (afterInjection && !state.healthy()) {
                return poll.at();
            }
            Map<String, Long> fresh = previous == null ? Map.of()
                    : RequestShare.newRequests(previous.servers(), poll.servers());
            Long own = fresh.get(server);
            if (own != null && own > 0) {
                quietSince = null;
                elsewhere = 0;
            } else if (own != null && afterInjection) {
                quietSince = quietSince == null ? poll.at() : quietSince;
                elsewhere += fresh.entrySet().stream().filter(e -> !e.getKey().equals(server))
                        .mapToLong(Map.Entry::getValue).sum();
                if (elsewhere >= MIN_REQUESTS_ELSEWHERE) {
                    return quietSince;
                }
            }
            previous = poll;
        }
        return null;
    }
}
