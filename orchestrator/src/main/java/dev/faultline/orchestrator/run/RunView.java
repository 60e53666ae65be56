package dev.faultline.orchestrator.run;

import dev.faultline.common.run.RunState;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.verdict.RunVerdict;
import java.time.Instant;
import java.util.List;

/** A run as the API shows it. {@code verdict} is absent until the observer has judged the run. */
public record RunView(
        String runId,
        String experimentName,
        RunState state,
        Instant createdAt,
        Instant injectAt,
        Instant observeUntil,
        Instant endedAt,
        List<PlannedFault> plan,
        List<FaultInjected> injected,
        List<FaultFailed> failed,
        String abortReason,
        RunVerdict verdict) {
}
