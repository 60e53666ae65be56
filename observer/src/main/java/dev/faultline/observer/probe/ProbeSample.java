package dev.faultline.observer.probe;

import dev.faultline.common.experiment.SuccessStatus;
import dev.faultline.common.validation.Checks;
import dev.faultline.common.verdict.FailureKind;
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
 * @param failure       what kind of failure it was when its status does not say it (no answer, body, latency,
 *                      condition); null when it passed or failed by its status alone
 * @param bodyShape     the shape of a successful answer's JSON body, for a probe that compares it with the steady
 *                      state ({@code degraded:}); null otherwise
 */
public record ProbeSample(String probe, Instant sentAt, boolean ok, Integer status, String error, long latencyMillis,
        FailureKind failure, BodyShape bodyShape) {

    public ProbeSample {
        Checks.start()
                .notBlank(probe, "probe")
                .notNull(sentAt, "sentAt")
                .require(ok || status != null || error != null, "error", "a failed sample says why")
                .require(latencyMillis >= 0, "latencyMillis", "must not be negative")
                .require(!ok || failure == null, "failure", "a passed sample has no failure")
                .require(ok || failure != null || status != null, "failure", "a failure without a status has a kind")
                .throwIfAny();
    }

    /** A sample without a body shape: every probe that does not compare its answers with the steady state. */
    public ProbeSample(String probe, Instant sentAt, boolean ok, Integer status, String error, long latencyMillis,
            FailureKind failure) {
        this(probe, sentAt, ok, status, error, latencyMillis, failure, null);
    }

    /**
     * A sample whose kind of failure is not known: failed by its status when it has one and no other reason, else
     * of kind {@link FailureKind#OTHER}.
     */
    public ProbeSample(String probe, Instant sentAt, boolean ok, Integer status, String error, long latencyMillis) {
        this(probe, sentAt, ok, status, error, latencyMillis,
                ok || (status != null && error == null) ? null : FailureKind.OTHER);
    }

    public static ProbeSample answered(String probe, Instant sentAt, int status, int expectedStatus,
            long latencyMillis) {
        return answered(probe, sentAt, status, SuccessStatus.only(expectedStatus), latencyMillis);
    }

    public static ProbeSample answered(String probe, Instant sentAt, int status, SuccessStatus success,
            long latencyMillis) {
        return new ProbeSample(probe, sentAt, success.isSuccess(status), status, null, latencyMillis, null);
    }

    public static ProbeSample unanswered(String probe, Instant sentAt, String error, long latencyMillis) {
        return unanswered(probe, sentAt, error, FailureKind.OTHER, latencyMillis);
    }

    public static ProbeSample unanswered(String probe, Instant sentAt, String error, FailureKind kind,
            long latencyMillis) {
        return new ProbeSample(probe, sentAt, false, null, error, latencyMillis, kind);
    }

    public static ProbeSample passed(String probe, Instant sentAt, long latencyMillis) {
        return new ProbeSample(probe, sentAt, true, null, null, latencyMillis, null);
    }

    /** A successful HTTP answer whose body had {@code shape}. */
    public static ProbeSample answeredWithBody(String probe, Instant sentAt, int status, long latencyMillis,
            BodyShape shape) {
        return new ProbeSample(probe, sentAt, true, status, null, latencyMillis, null, shape);
    }

    public boolean failed() {
        return !ok;
    }

    /**
     * When the outcome was known: the answer arrived, the probe timed out or its check completed. A probe belongs to
     * the phase (steady state or fault window) in which it was answered, so a probe sent just before an injection
     * and failing after it is the fault's, not the steady state's.
     */
    public Instant answeredAt() {
        return sentAt.plusMillis(latencyMillis);
    }

    /** The outcome in words: {@code status 503}, {@code status 200, body lacks 'UP'} or the error. */
    public String outcome() {
        if (status != null) {
            return error == null ? "status " + status : "status " + status + ", " + error;
        }
        return error != null ? error : "ok";
    }
}
