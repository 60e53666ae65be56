package dev.faultline.agent.fault;

import dev.faultline.agent.capability.CapabilityReport;
import dev.faultline.agent.config.AgentConfig;
import dev.faultline.agent.fault.admission.Admission;
import dev.faultline.agent.fault.admission.AdmissionChecks;
import dev.faultline.agent.fault.admission.Candidate;
import dev.faultline.agent.fault.admission.Refusal;
import dev.faultline.agent.lease.LeaseTracker;
import dev.faultline.agent.ledger.FaultLedger;
import dev.faultline.agent.metrics.AgentMetrics;
import dev.faultline.agent.outbound.EventPublisher;
import dev.faultline.agent.platform.TargetStateWatcher;
import dev.faultline.agent.runtime.docker.ContainerInspector;
import dev.faultline.agent.safety.OptInPolicy;
import dev.faultline.agent.safety.PlatformGuard;
import dev.faultline.common.capability.Capability;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.event.FailureReason;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Carries out an InjectFault: admission (the agent's own limits and the target on this host, see
 * {@link AdmissionChecks}), records a lasting fault in the ledger, applies the fault through its executor, reports
 * FaultInjected or FaultFailed, and hands lasting faults to {@link ActiveFaults} for their timed revert and to the
 * run's lease.
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
    private final Admission admission;
    private final FaultExecutorRegistry executors;
    private final ActiveFaults activeFaults;
    private final FaultReverter reverter;
    private final FaultLedger ledger;
    private final LeaseTracker leases;
    private final Limits limits;
    private final EventPublisher events;
    private final Clock clock;
    private final TargetStateWatcher platformStates;
    private final AgentMetrics metrics;

    @Inject
    public FaultInjector(ContainerInspector inspector, FaultExecutorRegistry executors, ActiveFaults activeFaults,
            FaultReverter reverter, FaultLedger ledger, LeaseTracker leases, PlatformGuard platform,
            AgentConfig config, EventPublisher events, Clock clock, CapabilityReport capabilities,
            TargetStateWatcher platformStates, OptInPolicy optIn, AgentMetrics metrics) {
        this(inspector, executors, activeFaults, reverter, ledger, leases, platform,
                new Limits(config.maxFaultDuration(), config.maxActiveFaults()), events, clock, capabilities::fault,
                platformStates, optIn, metrics);
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
        this(inspector, executors, activeFaults, reverter, ledger, leases, platform, limits, events, clock, support,
                platformStates, optIn, AgentMetrics.discarding());
    }

    public FaultInjector(ContainerInspector inspector, FaultExecutorRegistry executors, ActiveFaults activeFaults,
            FaultReverter reverter, FaultLedger ledger, LeaseTracker leases, PlatformGuard platform, Limits limits,
            EventPublisher events, Clock clock, Function<String, Capability> support,
            TargetStateWatcher platformStates, OptInPolicy optIn, AgentMetrics metrics) {
        this.metrics = metrics;
        this.platformStates = platformStates;
        this.inspector = inspector;
        this.executors = executors;
        this.activeFaults = activeFaults;
        this.reverter = reverter;
        this.ledger = ledger;
        this.leases = leases;
        this.limits = limits;
        this.admission = AdmissionChecks.standard(new AdmissionChecks.AgentState(activeFaults::isActive,
                activeFaults::size, ledger, optIn, platform, type -> executors.forType(type).isPresent(), support),
                limits.maxFaultDuration(), limits.maxActiveFaults());
        this.events = events;
        this.clock = clock;
    }

    /** Admission, then the ledger (lasting faults), then apply, then report. */
    public void inject(InjectFault command) {
        Candidate candidate = new Candidate(command, inspector);
        Optional<Refusal> refusal = admission.refusal(candidate);
        if (refusal.isPresent()) {
            refuse(command, refusal.get());
            return;
        }
        FaultExecutor<?> executor = executors.forType(command.fault().type()).orElseThrow();
        Target target = Target.of(command.target(), candidate.target(), command.faultId(), command.runId());
        if (command.fault().lasting() && !recordInLedger(command)) {
            return;
        }
        Instant started = clock.instant();
        if (!apply(command, target, executor)) {
            return;
        }
        Instant injectedAt = clock.instant();
        long applyMillis = Math.max(0, Duration.between(started, injectedAt).toMillis());
        if (command.fault().lasting()) {
            // A fault without a duration still ends at the agent's maximum: nothing stays forever.
            Duration duration = command.duration().isZero() ? limits.maxFaultDuration() : command.duration();
            leases.faultInjected(command.runId());
            Instant plannedEnd = clock.instant().plus(duration);
            activeFaults.track(new ActiveFault(command, target, executor), duration, due -> {
                if (reverter.revert(due, RevertCause.DURATION_ENDED)) {
                    metrics.timedRevertDone(command.fault().type(), Duration.between(plannedEnd, clock.instant()));
                }
            });
        }
        metrics.injected(command.fault().type(), Duration.between(command.timestamp(), injectedAt),
                Duration.between(started, injectedAt));
        LOG.infof("injected fault %s (run %s, %s on %s) in %d ms", command.faultId(), command.runId(),
                command.fault().type(), target, applyMillis);
        events.publish(FaultInjected.of(command.runId(), command.faultId(), command.fault().type(), command.target(),
                injectedAt, applyMillis, clock.instant()));
        // From the start of the apply: the engine replays the kill's own die, which came before this line.
        platformStates.watch(command, candidate.target().labels(), started);
    }

    /** The checks an InjectFault passes before anything is done, in their order (see {@link AdmissionChecks}). */
    public List<String> admissionChecks() {
        return admission.names();
    }

    private void refuse(InjectFault command, Refusal refusal) {
        if (refusal instanceof Refusal.Rejected rejected) {
            fail(command, rejected.reason(), rejected.detail());
        } else {
            LOG.infof("fault %s (run %s): %s", command.faultId(), command.runId(), refusal.detail());
        }
    }

    /** Written before the fault is applied, so that a crash in between still leaves it to revert. */
    private boolean recordInLedger(InjectFault command) {
        try {
            ledger.record(command);
            return true;
        } catch (RuntimeException e) {
            fail(command, FailureReason.RUNTIME_ERROR, "not applied: " + describe(e));
            return false;
        }
    }

    /** @return false, the failure reported, when the executor could not apply the fault */
    private boolean apply(InjectFault command, Target target, FaultExecutor<?> executor) {
        try {
            executor.applyUnchecked(target, command.fault());
            return true;
        } catch (RuntimeException e) {
            if (command.fault().lasting()) {
                undoPartialApply(command, target, executor);
            }
            FailureReason reason = e instanceof UnsupportedOnHostException ? FailureReason.UNSUPPORTED_ON_HOST
                    : FailureReason.RUNTIME_ERROR;
            fail(command, reason, describe(e));
            return false;
        }
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
        metrics.injectionFailed(command.fault().type(), reason);
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
