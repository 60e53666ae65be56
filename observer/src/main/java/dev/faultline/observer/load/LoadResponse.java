package dev.faultline.observer.load;

import java.time.Instant;
import java.util.Optional;

/**
 * One response (or error) the load test saw, as the Faultline Artillery processor writes it: one line
 * {@code epochMillis,status,latencyMillis,orderId} where status 0 means no response (connection error, timeout)
 * and orderId may be empty.
 *
 * @param at when the request was sent, on the orchestrator host's clock
 */
public record LoadResponse(Instant at, int status, long latencyMillis, String orderId) {

    /** A response counts as an error when there was none or the server failed (5xx). */
    public boolean error() {
        return status == 0 || status >= 500;
    }

    /** A write the system acknowledged: a 2xx answer that carried an order id. */
    public boolean acknowledgedWrite() {
        return status >= 200 && status < 300 && orderId != null && !orderId.isEmpty();
    }

    /** Parses one line; empty for a line that is incomplete (still being written) or malformed. */
    public static Optional<LoadResponse> parse(String line) {
        String[] parts = line.strip().split(",", -1);
        if (parts.length < 3) {
            return Optional.empty();
        }
        try {
            Instant at = Instant.ofEpochMilli(Long.parseLong(parts[0]));
            int status = Integer.parseInt(parts[1]);
            long latency = Long.parseLong(parts[2]);
            String orderId = parts.length > 3 && !parts[3].isBlank() ? parts[3].strip() : null;
            return latency < 0 ? Optional.empty() : Optional.of(new LoadResponse(at, status, latency, orderId));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
