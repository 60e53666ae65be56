package dev.faultline.common.experiment;

import dev.faultline.common.fault.FaultSpec;
import dev.faultline.common.validation.Checks;

/** One fault of an experiment and the targets it hits. */
public record FaultStep(TargetSelection target, FaultSpec fault) {

    public FaultStep {
        Checks.start().notNull(target, "target").notNull(fault, "fault").throwIfAny();
    }
}
