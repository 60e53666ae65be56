package dev.faultline.orchestrator.run;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.run.RunState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a run stands for someone watching it, finer than its {@link dev.faultline.common.run.RunState}: RUNNING
 * covers the warm-up, the faults and the observation after them, which the CLI's progress screen tells apart. A pure
 * function of the run's view and an instant, so each phase boundary is tested without a timer.
 */
public enum RunPhase {
    /** Before the first injection instant: the steady state is measured. */
    WARM_UP("warm-up"),
    /** A wave is still to be injected, or a lasting fault is still within its planned duration. */
    FAULTS("faults"),
    /** Every fault has been injected and every lasting one has ended; the window is still open. */
    OBSERVING("observing"),
    /** The observation window has closed; the observer's verdict is awaited. */
    JUDGING("judging"),
    /** The verdict arrived. */
    COMPLETED("completed"),
    /** The run was aborted (breach, halt, failed send, restart). */
    ABORTED("aborted");

    private final String wireName;

    RunPhase(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The phase of {@code run} at {@code now}. */
    public static RunPhase of(RunView run, Instant now) {
        RunPhase settled = ofState(run.state());
        if (settled != null) {
            return settled;
        }
        if (now.isBefore(run.injectAt())) {
            return WARM_UP;
        }
        // The close of the window may run a little late on the timer; the window's end is what counts.
        if (!now.isBefore(run.observeUntil())) {
            return JUDGING;
        }
        return faultsGoOn(run, now) ? FAULTS : OBSERVING;
    }

    /** The phase that the state alone tells, whatever the time: null for a RUNNING run, whose phase moves with it. */
    public static RunPhase ofState(RunState state) {
        return switch (state) {
            case COMPLETED -> COMPLETED;
            case ABORTED -> ABORTED;
            case FINISHED -> JUDGING;
            case RUNNING -> null;
        };
    }

    /**
     * Whether a planned fault is still to come or still in effect at {@code now}. A fault whose instant has passed
     * but that its agent has neither confirmed nor refused (nor reverted, which implies it was applied) is still to
     * come: the dispatch takes tens to hundreds of
     * milliseconds, and a one-shot kill would otherwise skip the faults phase before it happened. A fault that failed
     * never took effect, one reverted early is over at its revert, whatever the plan said; a lasting fault without a
     * duration lasts until it is reverted.
     */
    private static boolean faultsGoOn(RunView run, Instant now) {
        Set<String> failed = run.failed().stream().map(FaultFailed::faultId).collect(Collectors.toSet());
        Set<String> injected = run.injected().stream().map(FaultInjected::faultId).collect(Collectors.toSet());
        Map<String, Instant> revertedAt = new HashMap<>();
        run.reverted().forEach(r -> revertedAt.merge(r.faultId(), r.revertedAt(), (a, b) -> a.isBefore(b) ? a : b));
        for (PlannedFault fault : run.plan()) {
            Instant injectedAt = run.injectAt().plus(fault.startAfter());
            boolean answered = injected.contains(fault.faultId()) || failed.contains(fault.faultId())
                    || revertedAt.containsKey(fault.faultId());
            if (now.isBefore(injectedAt) || !answered) {
                return true;
            }
            if (!fault.fault().lasting() || failed.contains(fault.faultId())) {
                continue;
            }
            Instant reverted = revertedAt.get(fault.faultId());
            if (reverted != null && !now.isBefore(reverted)) {
                continue;
            }
            if (fault.duration().isZero() || now.isBefore(injectedAt.plus(fault.duration()))) {
                return true;
            }
        }
        return false;
    }
}
