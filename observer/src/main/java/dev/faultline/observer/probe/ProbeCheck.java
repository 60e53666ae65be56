package dev.faultline.observer.probe;

import dev.faultline.common.verdict.FailureKind;
import java.util.concurrent.CompletableFuture;

/**
 * One kind of probe: takes one measurement without blocking the caller. The future completes with the outcome
 * (never exceptionally for an ordinary failure: refused, timed out, unhealthy are outcomes) within about one
 * probe timeout.
 */
interface ProbeCheck {

    CompletableFuture<Outcome> take();

    /**
     * What one measurement found; {@code status} only for HTTP answers, {@code error} only on failure, {@code kind}
     * for a failure its status does not explain, {@code bodyShape} only for a successful answer whose body's shape is
     * compared with the steady state's; {@code sentNanos} ({@link System#nanoTime()}) when the check knows the instant
     * its request went out, later than it was issued when the check hands it to another thread (null: as issued).
     */
    record Outcome(boolean ok, Integer status, String error, FailureKind kind, BodyShape bodyShape, Long sentNanos) {

        Outcome(boolean ok, Integer status, String error, FailureKind kind, BodyShape bodyShape) {
            this(ok, status, error, kind, bodyShape, null);
        }

        Outcome(boolean ok, Integer status, String error, FailureKind kind) {
            this(ok, status, error, kind, null, null);
        }

        /** This outcome, its request sent at {@code nanos}. */
        Outcome sentAt(long nanos) {
            return new Outcome(ok, status, error, kind, bodyShape, nanos);
        }

        static Outcome pass() {
            return new Outcome(true, null, null, null);
        }

        static Outcome fail(FailureKind kind, String why) {
            return new Outcome(false, null, why, kind);
        }
    }
}
