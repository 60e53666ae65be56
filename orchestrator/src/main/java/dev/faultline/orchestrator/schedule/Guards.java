package dev.faultline.orchestrator.schedule;

import dev.faultline.orchestrator.preflight.PreflightFailedException;
import dev.faultline.orchestrator.run.CapabilityCheck;
import dev.faultline.orchestrator.run.RunPlanner;
import dev.faultline.common.validation.Violation;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a due occurrence may start its run. Checked in this order, cheapest first, and the first that holds is the
 * reason: Faultline is halted; the schedule's previous run is still active; then the pre-check (see
 * {@link ScheduledRuns#precheck}): the dry run's refusals and the steady-state probes, classified by
 * {@link #fromRefusal}.
 */
public final class Guards {

    private Guards() {
    }

    /** The guards that need no network: the halt latch and the previous run. */
    public static Optional<Skip> beforePrecheck(Optional<HaltLatch> latch, Optional<String> activeRunId) {
        if (latch.isPresent()) {
            HaltLatch halt = latch.get();
            return Optional.of(Skip.of(SkipReason.HALTED, "Faultline is halted (by " + halt.operator() + " at "
                    + halt.engagedAt() + ": " + halt.reason() + "); POST /api/v1/resume lets schedules run again"));
        }
        return activeRunId.map(runId -> Skip.of(SkipReason.RUN_STILL_ACTIVE,
                "run " + runId + " of this schedule is still active"));
    }

    /** A refusal of the dry run as a skip: targets that match no running container mean the target is down. */
    public static Skip fromRefusal(RuntimeException refusal) {
        if (refusal instanceof RunPlanner.UnresolvableTargetsException unresolved) {
            return Skip.of(SkipReason.TARGET_DOWN, "target already down: " + describe(unresolved.violations()));
        }
        if (refusal instanceof PreflightFailedException preflight) {
            return Skip.of(SkipReason.STEADY_STATE_FAILING, "steady state already failing: " + preflight.what()
                    + ": " + describe(preflight.violations()));
        }
        if (refusal instanceof RunPlanner.BlastRadiusExceededException tooMuch) {
            return Skip.of(SkipReason.NOT_STARTABLE, "the run exceeds the blast-radius caps: "
                    + describe(tooMuch.violations()));
        }
        if (refusal instanceof CapabilityCheck.UnsupportedFaultException unsupported) {
            return Skip.of(SkipReason.NOT_STARTABLE, "the agents cannot run some faults: "
                    + describe(unsupported.violations()));
        }
        return Skip.of(SkipReason.NOT_STARTABLE, "the run could not be started: " + refusal.getMessage());
    }

    /** A steady-state probe that failed its one attempt before the run. */
    public static Skip probeFailing(String probe, String detail) {
        return Skip.of(SkipReason.STEADY_STATE_FAILING, "steady state already failing: probe " + probe + ": "
                + detail);
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
