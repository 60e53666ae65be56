package dev.faultline.common.experiment;

import dev.faultline.common.fault.FaultSpec;
import dev.faultline.common.validation.Checks;
import java.time.Duration;

/**
 * One fault of an experiment and the targets it hits. Steps compose through {@code startAfter}: steps with
 * increasing offsets run in sequence (a cascading failure), steps with the same offset run together (a recovery
 * storm).
 *
 * @param duration   how long a lasting fault stays before its agent reverts it; optional, the experiment's duration
 *                   when absent (see {@link Experiment#durationOf(FaultStep)})
 * @param startAfter when the step is injected, counted from the run's first injection instant (after the
 *                   steady-state warm-up); optional, 0 when absent
 */
public record FaultStep(TargetSelection target, FaultSpec fault, Duration duration, Duration startAfter) {

    public FaultStep {
        Checks.start().notNull(target, "target").notNull(fault, "fault")
                .positive(duration, "duration")
                .require(duration == null || duration.compareTo(Experiment.MAX_DURATION) <= 0, "duration",
                        "must be at most 1h")
                .notNegative(startAfter, "startAfter")
                .throwIfAny();
        startAfter = startAfter == null ? Duration.ZERO : startAfter;
    }

    public FaultStep(TargetSelection target, FaultSpec fault, Duration duration) {
        this(target, fault, duration, null);
    }

    public FaultStep(TargetSelection target, FaultSpec fault) {
        this(target, fault, null, null);
    }
}
