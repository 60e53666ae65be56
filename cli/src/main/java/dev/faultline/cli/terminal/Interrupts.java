package dev.faultline.cli.terminal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C while a run is followed: instead of ending the JVM at once, the signal raises a flag that the follow loop
 * checks between polls, so that it can ask whether to abort the run and then do so. Outside {@link #catching} the
 * default behaviour (exit) is kept.
 */
public interface Interrupts {

    /** Runs {@code body} with Ctrl-C caught; afterwards Ctrl-C ends the process again. */
    <T> T catching(java.util.function.Supplier<T> body);

    /** Whether Ctrl-C was pressed since the last call; clears the flag. */
    boolean takeInterrupt();

    /** No signal ever arrives: for tests and in-process callers, which interrupt nothing. */
    static Interrupts none() {
        return new Interrupts() {
            @Override
            public <T> T catching(java.util.function.Supplier<T> body) {
                return body.get();
            }

            @Override
            public boolean takeInterrupt() {
                return false;
            }
        };
    }

    /** SIGINT through {@code sun.misc.Signal} (jdk.unsupported, present in every JDK 17 runtime). */
    static Interrupts sigint() {
        return new Interrupts() {
            private final AtomicBoolean pressed = new AtomicBoolean();

            @Override
            public <T> T catching(java.util.function.Supplier<T> body) {
                sun.misc.Signal signal = new sun.misc.Signal("INT");
                sun.misc.SignalHandler previous = sun.misc.Signal.handle(signal, s -> pressed.set(true));
                try {
                    return body.get();
                } finally {
                    sun.misc.Signal.handle(signal, previous);
                }
            }

            @Override
            public boolean takeInterrupt() {
                return pressed.getAndSet(false);
            }
        };
    }
}
