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
     * compared with the steady state's.
     */
    record Outcome(boolean ok, Integer status, String error, FailureKind kind, BodyShape bodyShape) {

        Outcome(boolean ok, Integer status, String error, FailureKind kind) {
            this(ok, status, error, kind, null);
        }

        static Outcome pass() {
            return new Outcome(true, null, null, null);
        }

        static Outcome fail(FailureKind kind, String why) {
            return new Outcome(false, null, why, kind);
        }
    }
}
