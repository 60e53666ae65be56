package dev.faultline.orchestrator.run;

import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.run.RunState;
import dev.faultline.common.verdict.RunProgress;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloBreached;
import java.time.Instant;
import java.util.List;

/**
 * A run as the API shows it. {@code verdict} is absent until the observer has judged the run.
 *
 * @param phase    where the run stands at the time of the answer ({@link RunPhase}); in a stored view only what the
 *                 state alone tells (judging, completed, aborted), null for a running run, and absent from views
 *                 stored before it existed
 * @param reverted the FaultReverted events of the run, in arrival order
 * @param breaches the SloBreached records of the run, in arrival order
 * @param progress the observer's latest RunProgress of the run; null before the first and in stored views
 */
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
        RunVerdict verdict,
        RunPhase phase,
        List<FaultReverted> reverted,
        List<SloBreached> breaches,
        RunProgress progress) {

    public RunView {
        // Views stored before these fields existed read them as absent.
        plan = plan == null ? List.of() : List.copyOf(plan);
        injected = injected == null ? List.of() : List.copyOf(injected);
        failed = failed == null ? List.of() : List.copyOf(failed);
        reverted = reverted == null ? List.of() : List.copyOf(reverted);
        breaches = breaches == null ? List.of() : List.copyOf(breaches);
    }

    /** A view without the live fields, as before they existed. */
    public RunView(String runId, String experimentName, RunState state, Instant createdAt, Instant injectAt,
            Instant observeUntil, Instant endedAt, List<PlannedFault> plan, List<FaultInjected> injected,
            List<FaultFailed> failed, String abortReason, RunVerdict verdict) {
        this(runId, experimentName, state, createdAt, injectAt, observeUntil, endedAt, plan, injected, failed,
                abortReason, verdict, null, List.of(), List.of(), null);
    }

    /** This view with its phase at {@code now} and the given progress. */
    public RunView at(Instant now, RunProgress latestProgress) {
        return new RunView(runId, experimentName, state, createdAt, injectAt, observeUntil, endedAt, plan, injected,
                failed, abortReason, verdict, RunPhase.of(this, now), reverted, breaches, latestProgress);
    }
}
