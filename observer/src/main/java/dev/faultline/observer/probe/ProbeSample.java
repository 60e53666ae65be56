package dev.faultline.observer.probe;

import dev.faultline.common.validation.Checks;
import java.time.Instant;

/**
 * One probe request and its outcome.
 *
 * @param sentAt        when the request was issued, on the observer's clock: every time of a timeline is one of these
 * @param ok            whether the answer had the expected status; a connection error or a timeout is a failure
 * @param status        the HTTP status, null when there was no answer
 * @param error         why there was no answer (connection refused, timeout), null when there was one
 * @param latencyMillis from issuing the request to its outcome
 */
public record ProbeSample(String probe, Instant sentAt, boolean ok, Integer status, String error, long latencyMillis) {

    public ProbeSample {
        Checks.start()
                .notBlank(probe, "probe")
                .notNull(sentAt, "sentAt")
                .require(status != null || error != null, "status", "a sample has a status or an error")
                .require(!ok || status != null, "ok", "only an answered probe can pass")
                .require(latencyMillis >= 0, "latencyMillis", "must not be negative")
                .throwIfAny();
    }

    public static ProbeSample answered(String probe, Instant sentAt, int status, int expectedStatus,
            long latencyMillis) {
        return new ProbeSample(probe, sentAt, status == expectedStatus, status, null, latencyMillis);
    }

    public static ProbeSample unanswered(String probe, Instant sentAt, String error, long latencyMillis) {
        return new ProbeSample(probe, sentAt, false, null, error, latencyMillis);
    }

    public boolean failed() {
        return !ok;
    }

    /** The outcome in words: {@code status 503} or the error. */
    public String outcome() {
        return status != null ? "status " + status : error;
    }
}
