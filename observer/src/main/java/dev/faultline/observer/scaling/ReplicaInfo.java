package dev.faultline.observer.scaling;

import java.util.List;

/**
 * One replica of the service as its platform shows it at one moment.
 *
 * @param id        the platform's id of it (Docker's container id)
 * @param name      its name (the container's)
 * @param hostname  the host name it answers to inside its network; null when it has none of its own
 * @param running   whether it runs
 * @param healthy   whether its health check passes; null when it has no health check (running then counts as
 *                  healthy)
 * @param addresses its IP addresses, for matching it to a load balancer's server; empty when it has none now
 */
public record ReplicaInfo(String id, String name, String hostname, boolean running, Boolean healthy,
        List<String> addresses) {

    public ReplicaInfo {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    boolean countsHealthy() {
        return running && (healthy == null || healthy);
    }
}
