package dev.faultline.observer.probe;

import dev.faultline.common.experiment.SuccessStatus;
import dev.faultline.common.validation.Checks;
import java.time.Instant;

/**
 * One probe and its outcome.
 *
 * @param sentAt        when the probe was issued, on the observer's clock: every time of a timeline is one of these
 * @param ok            whether the probe's condition held (status, body, latency, connect, health, metric)
 * @param status        the HTTP status when there was an HTTP answer, else null
 * @param error         why the probe failed (connection refused, timeout, body mismatch, too slow, unhealthy); null
 *                      when it passed
 * @param latencyMillis from issuing the probe to its outcome
 */
public record ProbeSample(String probe, Instant sentAt, boolean ok, Integer status, String error, long latencyMillis) {

    public ProbeSample {
        Checks.start()
                .notBlank(probe, "probe")
                .notNull(sentAt, "sentAt")
                .require(ok || status != null || error != null, "error", "a failed sample says why")
                .require(latencyMillis >= 0, "latencyMillis", "must not be negative")
                .throwIfAny();
    }

    public static ProbeSample answered(String probe, Instant sentAt, int status, int expectedStatus,
            long latencyMillis) {
        return answered(probe, sentAt, status, SuccessStatus.only(expectedStatus), latencyMillis);
    }

    public static ProbeSample answered(String probe, Instant sentAt, int status, SuccessStatus success,
            long latencyMillis) {
        return new ProbeSample(probe, sentAt, success.isSuccess(status), status, null, latencyMillis);
    }

    public static ProbeSample unanswered(String probe, Instant sentAt, String error, long latencyMillis) {
        return new ProbeSample(probe, sentAt, false, null, error, latencyMillis);
    }

    public static ProbeSample passed(String probe, Instant sentAt, long latencyMillis) {
        return new ProbeSample(probe, sentAt, true, null, null, latencyMillis);
    }

    public boolean failed() {
        return !ok;
    }

    /** The outcome in words: {@code status 503}, {@code status 200, body lacks 'UP'} or the error. */
    public String outcome() {
        if (status != null) {
            return error == null ? "status " + status : "status " + status + ", " + error;
        }
        return error != null ? error : "ok";
    }
}
