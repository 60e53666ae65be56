package dev.faultline.common.event;

import dev.faultline.common.fault.FaultSpec;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.validation.Checks;

/** One fault the orchestrator resolved for a run: which fault goes to which target. */
public record PlannedFault(String faultId, TargetRef target, FaultSpec fault) {

    public PlannedFault {
        Checks.start().notBlank(faultId, "faultId").notNull(target, "target").notNull(fault, "fault").throwIfAny();
    }
}
