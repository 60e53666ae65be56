package dev.faultline.observer.causes;

import dev.faultline.common.experiment.LoadBalancer;
import dev.faultline.common.verdict.LoadSummary;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.observer.patterns.MetricsPoll;
import dev.faultline.observer.routing.RequestShare;
import dev.faultline.observer.routing.ServerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cause beside failures: what the load balancer did with a failed target's traffic. When probes or load requests
 * failed after a fault on a target that {@code loadBalancer.servers} maps to a server, it says either when the
 * proxy routed traffic away and how the requests were shared out afterwards, or that it never did and what share
 * the target kept. Only from {@link ServerState}s, so the wording is the same for every proxy; the evidence names the
 * source it was read from.
 */
public final class RoutingFinding {

    private RoutingFinding() {
    }

    public static List<String> find(LoadBalancer lb, List<RecoveryTimeline> timelines, LoadSummary load,
            List<MetricsPoll> polls, long pollIntervalMillis, Instant windowEnd) {
        List<String> findings = new ArrayList<>();
        if (lb == null || polls.isEmpty()) {
            return findings;
        }
        boolean loadFailed = load != null && load.errors() > 0;
        Map<String, List<RecoveryTimeline>> byFault = new LinkedHashMap<>();
        timelines.forEach(t -> byFault.computeIfAbsent(t.faultId(), k -> new ArrayList<>()).add(t));
        for (List<RecoveryTimeline> fault : byFault.values()) {
            RecoveryTimeline first = fault.get(0);
            String server = lb.servers().get(first.target().containerName());
            boolean failed = loadFailed || fault.stream().anyMatch(t -> t.probesFailed() > 0);
            if (server == null || !failed) {
                continue;
            }
            Instant routedAway = fault.stream().map(RecoveryTimeline::routedAwayAt).filter(a -> a != null)
                    .findFirst().orElse(null);
            Instant from = routedAway != null ? routedAway : first.injectedAt();
            List<MetricsPoll> window = polls.stream().filter(p -> !p.at().isBefore(from) && !p.at().isAfter(windowEnd)
                    && p.servers().containsKey(server)).toList();
            if (window.isEmpty()) {
                continue;
            }
            String share = window.size() < 2 ? "" : shares(window.get(0), window.get(window.size() - 1));
            String who = first.target().containerName() + "'s server " + server;
            String evidence = "; evidence: " + source(lb) + ", " + window.size() + " polls from " + window.get(0).at()
                    + " to " + window.get(window.size() - 1).at() + ", resolution " + pollIntervalMillis + " ms";
            if (routedAway != null) {
                ServerState state = window.get(0).servers().get(server);
                findings.add("routing: the load balancer routed traffic away from " + who + " at " + routedAway + " ("
                        + seconds(Duration.between(first.injectedAt(), routedAway)) + " after fault "
                        + first.faultId() + "; " + (state.healthy() ? "it got no new request while the others did"
                        : "reported " + state.status()) + ")" + (share.isEmpty() ? "" : "; request share from then: "
                        + share) + evidence);
            } else {
                ServerState last = window.get(window.size() - 1).servers().get(server);
                findings.add("routing: the load balancer never routed traffic away from " + who + " after fault "
                        + first.faultId() + " (still " + (last.healthy() ? "healthy" : "not healthy") + ", "
                        + last.status() + ", at " + window.get(window.size() - 1).at() + ")"
                        + (share.isEmpty() ? "" : "; request share after the fault: " + share) + evidence);
            }
        }
        return findings;
    }

    /** {@code s1 0% (0), s2 100% (57)}, servers by name; empty when no request counter grew. */
    private static String shares(MetricsPoll from, MetricsPoll to) {
        Map<String, Long> fresh = new TreeMap<>(RequestShare.newRequests(from.servers(), to.servers()));
        long total = fresh.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        fresh.forEach((s, n) -> parts.add(String.format(Locale.ROOT, "%s %.0f%% (%d)", s, 100.0 * n / total, n)));
        return String.join(", ", parts);
    }

    private static String source(LoadBalancer lb) {
        return switch (lb.type()) {
            case LoadBalancer.HAPROXY -> "HAProxy stats " + lb.statsUrl() + " backend " + lb.backend();
            case LoadBalancer.ENVOY -> "Envoy " + lb.url() + " cluster " + lb.backend();
            case LoadBalancer.TRAEFIK -> "Traefik " + lb.url() + " service " + lb.backend()
                    + (lb.requests() == null ? "" : ", requests " + lb.requests() + " at " + lb.metricsUrl());
            default -> lb.health() + (lb.requests() == null ? "" : " and " + lb.requests()) + " at " + lb.url();
        };
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
