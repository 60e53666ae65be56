package dev.faultline.agent.fault.admission;

import dev.faultline.agent.fault.admission.Refusal.AlreadyDone;
import dev.faultline.agent.fault.admission.Refusal.Rejected;
import dev.faultline.agent.ledger.FaultLedger;
import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.agent.safety.OptInPolicy;
import dev.faultline.agent.safety.PlatformGuard;
import dev.faultline.common.capability.Capability;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.event.FailureReason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/** The agent's admission checks, one factory each, and {@link #standard} which puts them in their order. */
public final class AdmissionChecks {

    private AdmissionChecks() {
    }

    /** What the checks read of the agent's state; functions rather than the classes, which depend on this package. */
    public record AgentState(Predicate<String> activeFault, IntSupplier activeFaultCount, FaultLedger ledger,
            OptInPolicy optIn, PlatformGuard platform, Predicate<String> hasExecutor,
            Function<String, Capability> support) {
    }

    /**
     * The checks in the order they run: repeated commands first (they are no failure), then the agent's own limits,
     * then the target (exists, opted in, not the platform, running), then whether this agent and host can do it.
     */
    public static Admission standard(AgentState agent, Duration maxFaultDuration, int maxActiveFaults) {
        return new Admission(List.of(
                notAppliedBeforeRestart(agent.ledger(), agent.activeFault()),
                notActiveAlready(agent.activeFault()),
                withinMaxDuration(maxFaultDuration),
                belowMaxActiveFaults(agent.activeFaultCount(), maxActiveFaults),
                targetExists(),
                targetOptedIn(agent.optIn()),
                notPlatformTarget(agent.platform()),
                targetRunning(),
                executorKnown(agent.hasExecutor()),
                supportedOnHost(agent.support())));
    }

    /**
     * A command redelivered after a restart (its offset was not committed before the crash): the fault was applied
     * by the agent that crashed, and the ledger recovery reverts (or has reverted) it.
     */
    public static AdmissionCheck notAppliedBeforeRestart(FaultLedger ledger, Predicate<String> activeFault) {
        String name = "not-applied-before-restart";
        return new AdmissionCheck(name, c -> {
            String faultId = c.command().faultId();
            boolean applied = ledger.wasReverted(faultId) || (!activeFault.test(faultId) && ledger.contains(faultId));
            return applied ? Optional.of(new AlreadyDone(name, "fault " + faultId
                    + " was applied before this agent restarted; not applying it again")) : Optional.empty();
        });
    }

    /** A repeated command for a fault in effect: the desired state already holds. */
    public static AdmissionCheck notActiveAlready(Predicate<String> activeFault) {
        String name = "not-active-already";
        return new AdmissionCheck(name, c -> activeFault.test(c.command().faultId())
                ? Optional.of(new AlreadyDone(name, "fault " + c.command().faultId() + " is already active on "
                        + c.command().target() + "; nothing to do"))
                : Optional.empty());
    }

    public static AdmissionCheck withinMaxDuration(Duration max) {
        String name = "within-max-duration";
        return new AdmissionCheck(name, c -> {
            InjectFault command = c.command();
            if (!command.fault().lasting() || command.duration().compareTo(max) <= 0) {
                return Optional.empty();
            }
            return rejected(name, FailureReason.REFUSED_BY_LIMIT, "duration " + command.duration().toSeconds()
                    + "s is longer than this agent's maximum of " + max.toSeconds() + "s"
                    + " (faultline.agent.max-fault-duration)");
        });
    }

    public static AdmissionCheck belowMaxActiveFaults(IntSupplier activeFaultCount, int max) {
        String name = "below-max-active-faults";
        return new AdmissionCheck(name, c -> {
            int active = activeFaultCount.getAsInt();
            if (!c.command().fault().lasting() || active < max) {
                return Optional.empty();
            }
            return rejected(name, FailureReason.REFUSED_BY_LIMIT, "this agent already has " + active
                    + " faults in effect, its maximum (faultline.agent.max-active-faults)");
        });
    }

    public static AdmissionCheck targetExists() {
        String name = "target-exists";
        return new AdmissionCheck(name, c -> {
            String id = c.command().target().containerId();
            Optional<InspectedContainer> found;
            try {
                found = c.container();
            } catch (RuntimeException e) {
                return rejected(name, FailureReason.RUNTIME_ERROR, "cannot inspect container " + id + ": "
                        + describe(e));
            }
            return found.isPresent() ? Optional.empty() : rejected(name, FailureReason.TARGET_NOT_FOUND,
                    "container " + c.command().target().containerName() + " (" + id + ") does not exist on this host");
        });
    }

    /**
     * Opt-in before the target's state: it is the agent's own safety rule and a refusal whatever the state. The
     * policy knows every way in (the label, the allow-listed Compose projects and labels) and names them on refusal.
     */
    public static AdmissionCheck targetOptedIn(OptInPolicy optIn) {
        String name = "target-opted-in";
        return new AdmissionCheck(name, c -> optIn.reason(c.target().labels()).isPresent() ? Optional.empty()
                : rejected(name, FailureReason.TARGET_NOT_OPTED_IN,
                        optIn.refusal(c.target().name(), c.target().labels())));
    }

    public static AdmissionCheck notPlatformTarget(PlatformGuard platform) {
        String name = "not-platform-target";
        return new AdmissionCheck(name, c -> {
            if (c.command().allowPlatformTargets()) {
                return Optional.empty();
            }
            return platform.platformReason(c.target()).flatMap(reason -> rejected(name,
                    FailureReason.REFUSED_BY_LIMIT, reason + "; only an experiment with allowPlatformTargets: true"
                            + " may hit it"));
        });
    }

    public static AdmissionCheck targetRunning() {
        String name = "target-running";
        return new AdmissionCheck(name, c -> c.target().running() ? Optional.empty()
                : rejected(name, FailureReason.TARGET_NOT_RUNNING,
                        "container " + c.target().name() + " is " + c.target().status() + ", not running"));
    }

    public static AdmissionCheck executorKnown(Predicate<String> hasExecutor) {
        String name = "executor-known";
        return new AdmissionCheck(name, c -> {
            String type = c.command().fault().type();
            return hasExecutor.test(type) ? Optional.empty()
                    : rejected(name, FailureReason.UNSUPPORTED_FAULT, "this agent has no executor for fault type "
                            + type);
        });
    }

    public static AdmissionCheck supportedOnHost(Function<String, Capability> support) {
        String name = "supported-on-host";
        return new AdmissionCheck(name, c -> {
            String type = c.command().fault().type();
            Capability capability = support.apply(type);
            return capability.available() ? Optional.empty()
                    : rejected(name, FailureReason.UNSUPPORTED_ON_HOST, "this host cannot run " + type + ": "
                            + capability.detail());
        });
    }

    private static Optional<Refusal> rejected(String check, FailureReason reason, String detail) {
        return Optional.of(new Rejected(check, reason, detail));
    }

    static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
