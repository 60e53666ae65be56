package dev.faultline.orchestrator.run;

import java.time.Instant;

/** Runs a run's next step at its instant; replaced by a hand-advanced one in unit tests. */
public interface RunTimer {

    /** Runs {@code step} at {@code when}, at once if that has passed. */
    void at(Instant when, Runnable step);
}
