package dev.faultline.common.event;

import dev.faultline.common.fault.FaultSpec;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.validation.Checks;
import java.time.Duration;

/**
 * One fault the orchestrator resolved for a run: which fault goes to which target.
 *
 * @param duration how long the fault stays before its agent reverts it; zero (also when absent from older
 *                 messages) means until it is reverted on request
 */
public record PlannedFault(String faultId, TargetRef target, FaultSpec fault, Duration duration) {

    public PlannedFault {
        Checks.start().notBlank(faultId, "faultId").notNull(target, "target").notNull(fault, "fault")
                .notNegative(duration, "duration").throwIfAny();
        duration = duration == null ? Duration.ZERO : duration;
    }

    public PlannedFault(String faultId, TargetRef target, FaultSpec fault) {
        this(faultId, target, fault, Duration.ZERO);
    }
}
