package dev.faultline.systemtests;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The one wait loop of the system tests: the stack's services and containers change state in their own time. */
final class Await {

    private static final Duration POLL = Duration.ofMillis(200);

    private Await() {
    }

    /** Returns once {@code condition} holds; fails the test, naming {@code what}, if it does not within the timeout. */
    static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError("not within " + timeout + ": " + what);
    }
}
