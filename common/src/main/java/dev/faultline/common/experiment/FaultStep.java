package dev.faultline.common.experiment;

import dev.faultline.common.fault.FaultSpec;
import dev.faultline.common.validation.Checks;
import java.time.Duration;

/**
 * One fault of an experiment and the targets it hits.
 *
 * @param duration how long a lasting fault stays before its agent reverts it; optional, the experiment's duration
 *                 when absent (see {@link Experiment#durationOf(FaultStep)})
 */
public record FaultStep(TargetSelection target, FaultSpec fault, Duration duration) {

    public FaultStep {
        Checks.start().notNull(target, "target").notNull(fault, "fault")
                .positive(duration, "duration")
                .require(duration == null || duration.compareTo(Experiment.MAX_DURATION) <= 0, "duration",
                        "must be at most 1h")
                .throwIfAny();
    }

    public FaultStep(TargetSelection target, FaultSpec fault) {
        this(target, fault, null);
    }
}
