package dev.faultline.observer.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each server's share of the requests the load balancer handed out between two polls, from the servers' request
 * counters. Servers without a counter at either poll are left out; so is a counter that went backwards (the load
 * balancer restarted), since its growth is unknown.
 */
public final class RequestShare {

    private RequestShare() {
    }

    /** New requests per server from {@code before} to {@code after}. */
    public static Map<String, Long> newRequests(Map<String, ServerState> before, Map<String, ServerState> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((server, now) -> {
            ServerState was = before.get(server);
            if (was != null && was.requestsTotal() != null && now.requestsTotal() != null
                    && now.requestsTotal() >= was.requestsTotal()) {
                delta.put(server, now.requestsTotal() - was.requestsTotal());
            }
        });
        return delta;
    }

    /** Server -> its fraction (0 to 1) of the new requests; empty when no server got any. */
    public static Map<String, Double> between(Map<String, ServerState> before, Map<String, ServerState> after) {
        Map<String, Long> delta = newRequests(before, after);
        long total = delta.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> share = new LinkedHashMap<>();
        if (total > 0) {
            delta.forEach((server, n) -> share.put(server, n / (double) total));
        }
        return share;
    }

    /** Whether {@code server} got no new request while the others got some: its share of traffic dropped to zero. */
    public static boolean routedAwayFrom(String server, Map<String, ServerState> before,
            Map<String, ServerState> after) {
        Map<String, Double> share = between(before, after);
        return share.containsKey(server) && share.get(server) == 0.0;
    }
}
