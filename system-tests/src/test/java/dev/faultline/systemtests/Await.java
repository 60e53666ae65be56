package dev.faultline.systemtests;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * How the system tests wait: the stack's services and containers change state in their own time. On Awaitility,
 * with the failure naming what was awaited.
 */
final class Await {

    private static final Duration POLL = Duration.ofMillis(200);

    private Await() {
    }

    /** Returns once {@code condition} holds; fails the test, naming {@code what}, if it does not within the timeout. */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        try {
            Awaitility.await(what).atMost(timeout).pollInterval(POLL).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not within " + timeout + ": " + what, e);
        }
    }
}
