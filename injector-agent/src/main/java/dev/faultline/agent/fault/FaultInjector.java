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
import dev.faultline.common.command.HaltAll;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.event.FailureReason;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.jboss.logging.Logger;

/**
 * Carries out an InjectFault, at its {@code executeAt} when it came ahead of it (the target inspected on arrival,
 * the command waiting in {@link AheadInjections}), else at once: admission (the agent's own limits and the target on this host, see
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
    private final LongFunction<Optional<Instant>> processStarts;
    private final AheadInjections ahead;

    /**
     * The furthest ahead of its instant a command is held: as long as a signed command lives by default
     * (faultline.commands.ttl). A command meant for later than that is refused rather than kept in memory that long.
     */
    static final Duration MAX_AHEAD = Duration.ofSeconds(60);

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
        this(inspector, executors, activeFaults, reverter, ledger, leases, platform, limits, events, clock, support,
                platformStates, optIn, metrics, FaultInjector::hostProcessStart);
    }

    /**
     * @param processStarts when a host process started, by pid: tells whether a target inspected ahead of its
     *                      instant still has the same main process at the instant ({@link Candidate#revalidate})
     */
    public FaultInjector(ContainerInspector inspector, FaultExecutorRegistry executors, ActiveFaults activeFaults,
            FaultReverter reverter, FaultLedger ledger, LeaseTracker leases, PlatformGuard platform, Limits limits,
            EventPublisher events, Clock clock, Function<String, Capability> support,
            TargetStateWatcher platformStates, OptInPolicy optIn, AgentMetrics metrics,
            LongFunction<Optional<Instant>> processStarts) {
        this.processStarts = processStarts;
        this.ahead = new AheadInjections(clock);
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

    /** A command handed over directly (tests, tools): as if it had just arrived. */
    public void inject(InjectFault command) {
        inject(command, Arrival.at(clock.instant()));
    }

    /**
     * A command ahead of its {@code executeAt}: its target is inspected now and it waits for the instant (a revert or
     * a halt before it cancels it, {@link #cancelAhead}); any other (no executeAt, or one already past) is carried
     * out at once, its lateness reported.
     */
    public void inject(InjectFault command, Arrival arrival) {
        Instant now = clock.instant();
        Instant executeAt = command.executeAt();
        if (executeAt == null || !executeAt.isAfter(now)) {
            carryOut(command, new Candidate(command, inspector), arrival, null, now);
            return;
        }
        if (Duration.between(now, executeAt).compareTo(MAX_AHEAD) > 0) {
            fail(command, FailureReason.REFUSED_BY_LIMIT, "executeAt " + executeAt + " is more than "
                    + MAX_AHEAD.toSeconds() + "s ahead of this agent's clock (" + now + "); not held that long");
            return;
        }
        // Prepared and carried out on AheadInjections' threads: the consumer goes back to Kafka at once.
        Prepared prepared = new Prepared();
        ahead.schedule(command.faultId(), command.runId(), command.timestamp(), executeAt,
                () -> {
                    Instant resolving = clock.instant();
                    prepared.candidate = Candidate.resolvedAhead(command, inspector, processStarts);
                    prepared.at = clock.instant();
                    prepared.took = Duration.between(resolving, prepared.at);
                },
                () -> {
                    prepared.candidate.revalidate(processStarts);
                    carryOut(command, prepared.candidate, arrival, prepared.took, prepared.at);
                },
                cause -> revertAfterApply(command.faultId(), cause));
    }

    /**
     * A revert that came for a fault sent ahead: before its instant the fault is not applied at all; during its
     * apply, it is reverted once the apply has finished.
     *
     * @return whether the fault had been sent ahead and the revert is taken care of here
     */
    public boolean cancelAhead(String faultId) {
        Optional<Instant> executeAt = ahead.executeAt(faultId);
        return switch (ahead.cancel(faultId, RevertCause.REQUESTED)) {
            case CANCELLED -> {
                LOG.infof("fault %s reverted before its instant %s: not applied", faultId, executeAt.orElse(null));
                yield true;
            }
            case AFTER_APPLY -> {
                LOG.infof("fault %s reverted during its apply: reverting it as soon as the apply is done", faultId);
                yield true;
            }
            case UNKNOWN -> false;
        };
    }

    /**
     * A halt: every fault it covers that is still waiting for its instant is cancelled (one being applied is reverted
     * after); those commanded after the halt wait on ({@link HaltFence}).
     */
    public int cancelAheadCoveredBy(HaltAll halt) {
        List<AheadInjections.Cancelled> cancelled = ahead.cancelIssuedUpTo(halt.timestamp());
        if (!cancelled.isEmpty()) {
            LOG.warnf("halt: %d fault(s) waiting for their instant cancelled, not applied: %s", cancelled.size(),
                    cancelled.stream().map(AheadInjections.Cancelled::faultId).toList());
        }
        return cancelled.size();
    }

    /** An InjectFault issued before a halt this agent has already obeyed: it must not take effect after the halt. */
    public void refuseOvertakenBy(InjectFault command, HaltAll halt) {
        fail(command, FailureReason.REFUSED_BY_LIMIT, "issued at " + command.timestamp() + ", before the halt of "
                + halt.timestamp() + " by " + halt.operator() + " (" + halt.reason() + "), which came first: not applied");
    }

    /** What the preparation of a fault sent ahead found, for its action (which runs strictly after it). */
    private static final class Prepared {
        Candidate candidate;
        Instant at;
        Duration took;
    }

    private void revertAfterApply(String faultId, RevertCause cause) {
        activeFaults.remove(faultId).ifPresent(fault -> reverter.revert(fault, cause));
    }

    @PreDestroy
    void shutdown() {
        ahead.shutdown();
    }

    /**
     * Admission, then the ledger (lasting faults), then apply, then report with the hops it took.
     *
     * @param resolvedAhead how long the inspection ahead of the instant took; null when the target is inspected now
     * @param waitFrom      when the command was ready to act on (after the inspection ahead, or on arrival)
     */
    private void carryOut(InjectFault command, Candidate candidate, Arrival arrival, Duration resolvedAhead,
            Instant waitFrom) {
        Instant due = clock.instant();
        Optional<Refusal> refusal = admission.refusal(candidate);
        if (refusal.isPresent()) {
            refuse(command, refusal.get());
            return;
        }
        Instant admitted = clock.instant();
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
            activeFaults.track(new ActiveFault(command, target, executor), duration, ended -> {
                if (reverter.revert(ended, RevertCause.DURATION_ENDED)) {
                    metrics.timedRevertDone(command.fault().type(), Duration.between(plannedEnd, clock.instant()));
                }
            });
        }
        Instant executeAt = command.executeAt();
        Long lateMillis = executeAt == null ? null : Math.max(0, Duration.between(executeAt, started).toMillis());
        // From the instant the fault was planned for: executeAt, or the command's sending for one without it.
        metrics.injected(command.fault().type(), Duration.between(executeAt == null ? command.timestamp() : executeAt,
                injectedAt), Duration.between(started, injectedAt));
        LOG.infof("injected fault %s (run %s, %s on %s) in %d ms; dispatch[%s]", command.faultId(), command.runId(),
                command.fault().type(), target, applyMillis, hops(command, arrival, resolvedAhead, waitFrom, due,
                        admitted, started, injectedAt));
        events.publish(FaultInjected.of(command.runId(), command.faultId(), command.fault().type(), command.target(),
                injectedAt, applyMillis, executeAt, arrival.receivedAt(), lateMillis, clock.instant()));
        // From the start of the apply: the engine replays the kill's own die, which came before this line.
        platformStates.watch(command, candidate.target().labels(), started);
    }

    /**
     * The hops of one injection as name=millis pairs, for the log (bench/dispatch.sh reads them): issued (the
     * command's timestamp) to produced (its Kafka record's timestamp), produced to received, the signature check,
     * the target's inspection ahead of the instant, the wait for the instant, admission (with the inspection when it
     * was not made ahead), the ledger write, how late the action began after executeAt, the action. Instants of the
     * orchestrator's clock and of this agent's differ by their skew (docs/design.md, "Dispatch").
     */
    private static String hops(InjectFault command, Arrival arrival, Duration resolvedAhead, Instant waitFrom,
            Instant due, Instant admitted, Instant started, Instant injectedAt) {
        StringBuilder hops = new StringBuilder();
        if (arrival.producedAt() != null) {
            hops.append("issued_to_produced_ms=").append(millis(command.timestamp(), arrival.producedAt()))
                    .append(" produced_to_received_ms=").append(millis(arrival.producedAt(), arrival.receivedAt()))
                    .append(' ');
        } else {
            hops.append("issued_to_received_ms=").append(millis(command.timestamp(), arrival.receivedAt())).append(' ');
        }
        hops.append("verify_ms=").append(millis(arrival.verification()));
        hops.append(" resolve_ahead_ms=").append(resolvedAhead == null ? "-" : millis(resolvedAhead));
        hops.append(" wait_ms=").append(millis(waitFrom, due));
        hops.append(" admission_ms=").append(millis(due, admitted));
        hops.append(" ledger_ms=").append(millis(admitted, started));
        hops.append(" late_ms=").append(command.executeAt() == null ? "-" : millis(command.executeAt(), started));
        hops.append(" apply_ms=").append(millis(started, injectedAt));
        return hops.toString();
    }

    private static String millis(Instant from, Instant to) {
        return millis(Duration.between(from, to));
    }

    private static String millis(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.2f", duration.toNanos() / 1e6);
    }

    /** When a host process started, from the kernel (/proc); empty when this agent cannot see it. */
    static Optional<Instant> hostProcessStart(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().startInstant());
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
