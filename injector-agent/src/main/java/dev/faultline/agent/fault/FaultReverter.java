package dev.faultline.agent.fault;

import dev.faultline.agent.config.AgentConfig;
import dev.faultline.agent.ledger.FaultLedger;
import dev.faultline.agent.metrics.AgentMetrics;
import dev.faultline.agent.outbound.EventPublisher;
import dev.faultline.common.command.HaltAll;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.command.RevertFault;
import dev.faultline.common.event.AgentHalted;
import dev.faultline.common.event.FaultReverted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Reverts lasting faults: at the end of their duration, on request, when their run's lease expires, or all at once
 * on a halt. A fault leaves the ledger only once its revert succeeded, so a failed revert is retried at the next
 * start of the agent.
 */
@ApplicationScoped
public class FaultReverter {

    /** Targets reverted at the same time on a halt: enough for a host's lasting faults, few enough for two cores. */
    static final int HALT_PARALLELISM = 8;
    private static final Logger LOG = Logger.getLogger(FaultReverter.class);

    private final String agentId;
    private final ActiveFaults activeFaults;
    private final FaultLedger ledger;
    private final EventPublisher events;
    private final Clock clock;
    private final AgentMetrics metrics;

    @Inject
    public FaultReverter(AgentConfig config, ActiveFaults activeFaults, FaultLedger ledger, EventPublisher events,
            Clock clock, AgentMetrics metrics) {
        this(config.id(), activeFaults, ledger, events, clock, metrics);
    }

    public FaultReverter(String agentId, ActiveFaults activeFaults, FaultLedger ledger, EventPublisher events,
            Clock clock) {
        this(agentId, activeFaults, ledger, events, clock, AgentMetrics.discarding());
    }

    public FaultReverter(String agentId, ActiveFaults activeFaults, FaultLedger ledger, EventPublisher events,
            Clock clock, AgentMetrics metrics) {
        this.metrics = metrics;
        this.agentId = agentId;
        this.activeFaults = activeFaults;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    /** RevertFault: harmless when the fault is not (or no longer) active, as the contract promises. */
    public void requested(RevertFault command) {
        activeFaults.remove(command.faultId()).ifPresentOrElse(
                fault -> revert(fault, RevertCause.REQUESTED),
                () -> LOG.debugf("revert of fault %s (run %s): not active here, nothing to do",
                        command.faultId(), command.runId()));
    }

    /**
     * HaltAll: every active fault the halt covers, whatever its run (those commanded after it, by a run started since,
     * stay: {@link HaltFence}), then one AgentHalted that sums it up.
     */
    public AgentHalted haltAll(HaltAll command) {
        Instant started = clock.instant();
        List<ActiveFault> faults = activeFaults.removeCoveredBy(command);
        LOG.infof("halt by %s (%s): reverting %d active fault(s)", command.operator(), command.reason(), faults.size());
        List<String> reverted = Collections.synchronizedList(new ArrayList<>());
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        revertByTarget(faults, fault -> (revert(fault, RevertCause.HALTED) ? reverted : failed).add(fault.faultId()));
        long took = Math.max(0, Duration.between(started, clock.instant()).toMillis());
        AgentHalted summary = AgentHalted.of(agentId, command.messageId(), command.operator(), reverted, failed, took,
                clock.instant());
        events.publish(summary);
        LOG.infof("halt %s done in %d ms: %d reverted, %d failed", command.messageId(), took, reverted.size(),
                failed.size());
        return summary;
    }

    /**
     * Reverts the faults of different targets at the same time and those of one target one after another (two
     * reverts in one network namespace or cgroup never interleave): a halt's latency is the slowest target's,
     * not the sum of every revert's process starts (bench/halt.sh). At most {@link #HALT_PARALLELISM} threads, made
     * for this halt only, so an idle agent holds none.
     */
    private static void revertByTarget(List<ActiveFault> faults, Consumer<ActiveFault> revert) {
        Map<String, List<ActiveFault>> byTarget = new LinkedHashMap<>();
        for (ActiveFault fault : faults) {
            byTarget.computeIfAbsent(fault.command().target().containerId(), id -> new ArrayList<>()).add(fault);
        }
        if (byTarget.size() <= 1) {
            faults.forEach(revert);
            return;
        }
        ExecutorService threads = Executors.newFixedThreadPool(Math.min(byTarget.size(), HALT_PARALLELISM), r -> {
            Thread t = new Thread(r, "faultline-halt-revert");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<ActiveFault> ofOneTarget : byTarget.values()) {
                done.add(threads.submit(() -> ofOneTarget.forEach(revert)));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    // revert() reports its own failures; anything else is a bug to see, not a reason to stop
                    LOG.errorf(e.getCause(), "halt: reverting one target's faults failed unexpectedly");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threads.shutdown();
        }
    }

    /** The lease of {@code runId} ran out: the orchestrator (or the way to it) is gone, so its faults go too. */
    public int leaseExpired(String runId) {
        List<ActiveFault> faults = activeFaults.removeRun(runId);
        if (!faults.isEmpty()) {
            LOG.warnf("lease of run %s expired: reverting its %d fault(s)", runId, faults.size());
            metrics.leaseExpired();
        }
        faults.forEach(fault -> revert(fault, RevertCause.LEASE_EXPIRED));
        return faults.size();
    }

    /**
     * Reverts a fault already taken out of {@link ActiveFaults} (or found in the ledger) and reports it.
     *
     * @return whether the revert succeeded
     */
    public boolean revert(ActiveFault fault, RevertCause cause) {
        InjectFault command = fault.command();
        Instant started = clock.instant();
        try {
            fault.executor().revertUnchecked(fault.target(), command.fault());
        } catch (RuntimeException e) {
            metrics.revertFailed(command.fault().type());
            // The contract has no revert-failed event yet; say it loudly rather than report a revert that did not
            // happen. The ledger keeps the fault, so the next start of the agent tries again.
            LOG.errorf("REVERT FAILED for fault %s (run %s, %s on %s): %s; the fault may still be in effect",
                    command.faultId(), command.runId(), command.fault().type(), fault.target(), e.getMessage());
            return false;
        }
        metrics.reverted(command.fault().type(), cause, Duration.between(started, clock.instant()));
        ledger.remove(command.faultId());
        reported(command, cause);
        return true;
    }

    /** Reports a fault as reverted (also used when recovery finds its target already gone). */
    public void reported(InjectFault command, RevertCause cause) {
        Instant revertedAt = clock.instant();
        LOG.infof("reverted fault %s (run %s, %s on %s): %s", command.faultId(), command.runId(),
                command.fault().type(), command.target(), cause.wireName());
        events.publish(FaultReverted.of(command.runId(), command.faultId(), command.fault().type(), command.target(),
                revertedAt, cause.wireName(), clock.instant()));
    }
}
