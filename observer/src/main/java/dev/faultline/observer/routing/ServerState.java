package dev.faultline.observer.routing;

/**
 * One server as its load balancer reported it at one poll, in the same terms whichever proxy it is.
 *
 * @param healthy       whether the load balancer would send it traffic (HAProxy UP, Envoy {@code healthy},
 *                      Traefik UP, a health series above 0)
 * @param status        the load balancer's own word for it (HAProxy {@code DOWN}, Envoy {@code /failed_active_hc},
 *                      ...), for the evidence
 * @param requestsTotal the requests (or sessions, for HAProxy's CSV) the server has been given so far; null when the
 *                      source has no such counter
 * @param address       the server's address as the load balancer has it ({@code 172.18.0.5:8080}); null when the
 *                      source does not say (matches a server to a container started during the run)
 */
public record ServerState(boolean healthy, String status, Long requestsTotal, String address) {

    /** Without an address, as every source but HAProxy's reports it. */
    public ServerState(boolean healthy, String status, Long requestsTotal) {
        this(healthy, status, requestsTotal, null);
    }
}
