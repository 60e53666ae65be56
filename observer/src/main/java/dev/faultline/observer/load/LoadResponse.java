package dev.faultline.observer.load;

import dev.faultline.common.experiment.SuccessStatus;
import dev.faultline.common.verdict.FailureKind;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One response (or error) the load test saw, as the Faultline Artillery plugin writes it: one line
 * {@code epochMillis,status,latencyMillis,orderId,route,errorCode} where status 0 means no response (connection
 * error, timeout) and the last three may be empty (lines written before route and error code existed end after
 * orderId). The plugin removes commas and line breaks from its free-text fields rather than quoting them, so no
 * field is ever CSV-quoted and a plain split is the exact reading (a CSV parser would take a route such as
 * {@code "checkout} for an unclosed quote and lose the line).
 *
 * @param at            when the request was sent, on the orchestrator host's clock
 * @param latencyMillis from sending to the answer, or to the error for a request without one (for a timeout, the
 *                      timeout)
 * @param route         the Artillery request's name, else its method and URL path as written in the script; null
 *                      when the line does not say
 * @param errorCode     for status 0, the error Artillery reported ({@code ETIMEDOUT}, {@code ECONNREFUSED}, ...);
 *                      null otherwise or when the line does not say
 */
public record LoadResponse(Instant at, int status, long latencyMillis, String orderId, String route,
        String errorCode) {

    /** A response without route and error code, as lines were written before they existed. */
    public LoadResponse(Instant at, int status, long latencyMillis, String orderId) {
        this(at, status, latencyMillis, orderId, null, null);
    }

    /** Failed: no answer, or an answer whose status the experiment does not count as success. */
    public boolean failed(SuccessStatus success) {
        return status == 0 || !success.isSuccess(status);
    }

    public boolean answered() {
        return status != 0;
    }

    /** Why a request without an answer failed; null for an answered one (its status says why). */
    public FailureKind failureKind() {
        return answered() ? null : kindOf(errorCode);
    }

    /** When the answer (or the error) came. */
    public Instant answeredAt() {
        return at.plusMillis(latencyMillis);
    }

    /**
     * In the fault window [from, to]: answered (or failed) at or after {@code from}, sent by {@code to}. Like a
     * probe, a request belongs to the phase in which it was answered.
     */
    public boolean inWindow(Instant from, Instant to) {
        return !answeredAt().isBefore(from) && !at.isAfter(to);
    }

    /** A write the system acknowledged: a 2xx answer that carried an order id. */
    public boolean acknowledgedWrite() {
        return status >= 200 && status < 300 && orderId != null && !orderId.isEmpty();
    }

    /**
     * The kind of an Artillery (Node.js, got) error code: timeouts are {@code ETIMEDOUT} (got's TimeoutError) or
     * {@code ESOCKETTIMEDOUT}; a refused connect {@code ECONNREFUSED}; a connection broken before the answer
     * {@code ECONNRESET}, {@code EPIPE} or a premature close.
     */
    static FailureKind kindOf(String errorCode) {
        if (errorCode == null) {
            return FailureKind.OTHER;
        }
        return switch (errorCode.toUpperCase(Locale.ROOT)) {
            case "ETIMEDOUT", "ESOCKETTIMEDOUT", "TIMEOUTERROR" -> FailureKind.TIMEOUT;
            case "ECONNREFUSED" -> FailureKind.REFUSED;
            case "ECONNRESET", "EPIPE", "ECONNABORTED", "ERR_STREAM_PREMATURE_CLOSE" -> FailureKind.RESET;
            default -> FailureKind.OTHER;
        };
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
            String orderId = field(parts, 3);
            String route = field(parts, 4);
            String errorCode = field(parts, 5);
            return latency < 0 ? Optional.empty()
                    : Optional.of(new LoadResponse(at, status, latency, orderId, route, errorCode));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String field(String[] parts, int index) {
        return parts.length > index && !parts[index].isBlank() ? parts[index].strip() : null;
    }
}
