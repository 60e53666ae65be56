package dev.faultline.common.event;

import dev.faultline.common.fault.FaultSpec;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.validation.Checks;
import java.time.Duration;

/**
 * One fault the orchestrator resolved for a run: which fault goes to which target.
 *
 * @param duration   how long the fault stays before its agent reverts it; zero (also when absent from older
 *                   messages) means until it is reverted on request
 * @param startAfter when it is injected, counted from the run's {@code injectAt}; zero when absent
 */
public record PlannedFault(String faultId, TargetRef target, FaultSpec fault, Duration duration, Duration startAfter) {

    public PlannedFault {
        Checks.start().notBlank(faultId, "faultId").notNull(target, "target").notNull(fault, "fault")
                .notNegative(duration, "duration").notNegative(startAfter, "startAfter").throwIfAny();
        duration = duration == null ? Duration.ZERO : duration;
        startAfter = startAfter == null ? Duration.ZERO : startAfter;
    }

    public PlannedFault(String faultId, TargetRef target, FaultSpec fault, Duration duration) {
        this(faultId, target, fault, duration, Duration.ZERO);
    }

    public PlannedFault(String faultId, TargetRef target, FaultSpec fault) {
        this(faultId, target, fault, Duration.ZERO);
    }
}
