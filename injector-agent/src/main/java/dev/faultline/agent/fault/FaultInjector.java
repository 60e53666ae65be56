package dev.faultline.agent.fault;

import dev.faultline.agent.capability.CapabilityReport;
import dev.faultline.agent.config.AgentConfig;
import dev.faultline.agent.lease.LeaseTracker;
import dev.faultline.agent.ledger.FaultLedger;
import dev.faultline.agent.outbound.EventPublisher;
import dev.faultline.agent.platform.TargetStateWatcher;
import dev.faultline.agent.runtime.docker.ContainerInspector;
import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.agent.safety.OptInPolicy;
import dev.faultline.agent.safety.PlatformGuard;
import dev.faultline.common.capability.Capability;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.event.FailureReason;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.target.TargetRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Carries out an InjectFault: checks the agent's own limits and the target on this host, records a lasting fault
 * in the ledger, applies the fault through its executor, reports FaultInjected or FaultFailed, and hands lasting
 * faults to {@link ActiveFaults} for their timed revert and to the run's lease.
 */
@ApplicationScoped
public class FaultInjector {

    private static final Logger LOG = Logger.getLogger(FaultInjector.class);

    /** The agent's own limits, whatever the orchestrator asks. */
    public record Limits(Duration maxFaultDuration, int maxActiveFaults) {
        public Limits {
            if (maxFaultDuration == null || maxFaultDuration.isZero() || maxFaultDuration.isNegative()) {
                throw new IllegalArgumentException("max fault duration must be positive, was " + maxFaultDuration);
            }
            if (maxActiveFaults < 1) {
                throw new IllegalArgumentException("max active faults must be at least 1, was " + maxActiveFaults);
            }
        }

        public static Limits defaults() {
            return new Limits(Duration.ofMinutes(10), 20);
        }
    }

    private final ContainerInspector inspector;
    private final FaultExecutorRegistry executors;
    private final ActiveFaults activeFaults;
    private final FaultReverter reverter;
    private final FaultLedger ledger;
    private final LeaseTracker leases;
    private final PlatformGuard platform;
    private final Limits limits;
    private final EventPublisher events;
    private final Clock clock;
    private final Function<String, Capability> support;
    private final TargetStateWatcher platformStates;
    private final OptInPolicy optIn;

    @Inject
    public FaultInjector(ContainerInspector inspector, FaultExecutorRegistry executors, ActiveFaults activeFaults,
            FaultReverter reverter, FaultLedger ledger, LeaseTracker leases, PlatformGuard platform,
            AgentConfig config, EventPublisher events, Clock clock, CapabilityReport capabilities,
            TargetStateWatcher platformStates, OptInPolicy optIn) {
        this(inspector, executors, activeFaults, reverter, ledger, leases, platform,
                new Limits(config.maxFaultDuration(), config.maxActiveFaults()), events, clock, capabilities::fault,
                platformStates, optIn);
    }

    /** Without a capability check: every fault type with an executor is taken as supported (tests). */
    public FaultInjector(ContainerInspector inspector, FaultExecutorRegistry executors, ActiveFaults activeFaults,
            FaultReverter reverter, FaultLedger ledger, LeaseTracker leases, PlatformGuard platform, Limits limits,
            EventPublisher events, Clock clock) {
        this(inspector, executors, activeFaults, reverter, ledger, leases, platform, limits, events, clock,
                type -> Capability.available("supported"));
    }

    public FaultInjector(ContainerInspector inspector, FaultExecutorRegistry executors, ActiveFaults activeFaults,
            FaultReverter reverter, FaultLedger ledger, LeaseTracker leases, PlatformGuard platform, Limits limits,
            EventPublisher events, Clock clock, Function<String, Capability> support) {
        this(inspector, executors, activeFaults, reverter, ledger, leases, platform, limits, events, clock, support,
                TargetStateWatcher.NONE, OptInPolicy.labelOnly());
    }

    public FaultInjector(ContainerInspector inspector, FaultExecutorRegistry executors, ActiveFaults activeFaults,
            FaultReverter reverter, FaultLedger ledger, LeaseTracker leases, PlatformGuard platform, Limits limits,
            EventPublisher events, Clock clock, Function<String, Capability> support,
            TargetStateWatcher platformStates, OptInPolicy optIn) {
        this.support = support;
        this.platformStates = platformStates;
        this.optIn = optIn;
        this.inspector = inspector;
        this.executors = executors;
        this.activeFaults = activeFaults;
        this.reverter = reverter;
        this.ledger = ledger;
        this.leases = leases;
        this.platform = platform;
        this.limits = limits;
        this.events = events;
        this.clock = clock;
    }

    public void inject(InjectFault command) {
        TargetRef ref = command.target();
        String type = command.fault().type();
        boolean lasting = command.fault().lasting();
        if (ledger.wasReverted(command.faultId()) || (!activeFaults.isActive(command.faultId())
                && ledger.contains(command.faultId()))) {
            // A command redelivered after a restart (its offset was not committed before the crash): the fault was
            // applied by the agent that crashed, and the ledger recovery reverts (or has reverted) it.
            LOG.infof("fault %s (run %s) was applied before this agent restarted; not applying it again",
                    command.faultId(), command.runId());
            return;
        }
        if (activeFaults.isActive(command.faultId())) {
            // A repeated command for a fault in effect: the desired state already holds.
            LOG.infof("fault %s (run %s) is already active on %s; nothing to do", command.faultId(), command.runId(), ref);
            return;
        }
        if (lasting && command.duration().compareTo(limits.maxFaultDuration()) > 0) {
            fail(command, FailureReason.REFUSED_BY_LIMIT, "duration " + command.duration().toSeconds()
                    + "s is longer than this agent's maximum of " + limits.maxFaultDuration().toSeconds() + "s"
                    + " (faultline.agent.max-fault-duration)");
            return;
        }
        if (lasting && activeFaults.size() >= limits.maxActiveFaults()) {
            fail(command, FailureReason.REFUSED_BY_LIMIT, "this agent already has " + activeFaults.size()
                    + " faults in effect, its maximum (faultline.agent.max-active-faults)");
            return;
        }
        Optional<InspectedContainer> found;
        try {
            found = inspector.find(ref.containerId());
        } catch (RuntimeException e) {
            fail(command, FailureReason.RUNTIME_ERROR, "cannot inspect container " + ref.containerId() + ": " + describe(e));
            return;
        }
        if (found.isEmpty()) {
            fail(command, FailureReason.TARGET_NOT_FOUND,
                    "container " + ref.containerName() + " (" + ref.containerId() + ") does not exist on this host");
            return;
        }
        InspectedContainer container = found.get();
        // Opt-in first: it is the agent's own safety rule and a permanent refusal, whatever state the target is in.
        if (optIn.reason(container.labels()).isEmpty()) {
            fail(command, FailureReason.TARGET_NOT_OPTED_IN, optIn.refusal(container.name(), container.labels()));
            return;
        }
        Optional<String> platformReason = platform.platformReason(container);
        if (platformReason.isPresent() && !command.allowPlatformTargets()) {
            fail(command, FailureReason.REFUSED_BY_LIMIT, platformReason.get()
                    + "; only an experiment with allowPlatformTargets: true may hit it");
            return;
        }
        if (!container.running()) {
            fail(command, FailureReason.TARGET_NOT_RUNNING,
                    "container " + container.name() + " is " + container.status() + ", not running");
            return;
        }
        Optional<FaultExecutor<?>> executor = executors.forType(type);
        if (executor.isEmpty()) {
            fail(command, FailureReason.UNSUPPORTED_FAULT, "this agent has no executor for fault type " + type);
            return;
        }
        Capability supported = support.apply(type);
        if (!supported.available()) {
            fail(command, FailureReason.UNSUPPORTED_ON_HOST, "this host cannot run " + type + ": " + supported.detail());
            return;
        }
        Target target = Target.of(ref, container, command.faultId());
        if (lasting) {
            try {
                ledger.record(command);
            } catch (RuntimeException e) {
                fail(command, FailureReason.RUNTIME_ERROR, "not applied: " + describe(e));
                return;
            }
        }
        Instant started = clock.instant();
        try {
            executor.get().applyUnchecked(target, command.fault());
        } catch (UnsupportedOnHostException e) {
            if (lasting) {
                undoPartialApply(command, target, executor.get());
            }
            fail(command, FailureReason.UNSUPPORTED_ON_HOST, describe(e));
            return;
        } catch (RuntimeException e) {
            if (lasting) {
                undoPartialApply(command, target, executor.get());
            }
            fail(command, FailureReason.RUNTIME_ERROR, describe(e));
            return;
        }
        Instant injectedAt = clock.instant();
        long applyMillis = Math.max(0, Duration.between(started, injectedAt).toMillis());
        if (lasting) {
            // A fault without a duration still ends at the agent's maximum: nothing stays forever.
            Duration duration = command.duration().isZero() ? limits.maxFaultDuration() : command.duration();
            leases.faultInjected(command.runId());
            activeFaults.track(new ActiveFault(command, target, executor.get()), duration,
                    due -> reverter.revert(due, RevertCause.DURATION_ENDED));
        }
        LOG.infof("injected fault %s (run %s, %s on %s) in %d ms", command.faultId(), command.runId(), type, target,
                applyMillis);
        events.publish(FaultInjected.of(command.runId(), command.faultId(), type, ref, injectedAt, applyMillis,
                clock.instant()));
        // From the start of the apply: the engine replays the kill's own die, which came before this line.
        platformStates.watch(command, container.labels(), started);
    }

    /** An apply that failed half-way may have left something behind: revert it, and keep the ledger entry if not. */
    private void undoPartialApply(InjectFault command, Target target, FaultExecutor<?> executor) {
        try {
            executor.revertUnchecked(target, command.fault());
            ledger.remove(command.faultId());
        } catch (RuntimeException e) {
            LOG.errorf("fault %s failed to apply and its clean-up failed too (%s); the ledger keeps it",
                    command.faultId(), describe(e));
        }
    }

    private void fail(InjectFault command, FailureReason reason, String detail) {
        LOG.warnf("fault %s (run %s, %s on %s) failed: %s: %s", command.faultId(), command.runId(),
                command.fault().type(), command.target(), reason, detail);
        events.publish(FaultFailed.of(command.runId(), command.faultId(), command.fault().type(), command.target(),
                reason, detail, clock.instant()));
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
