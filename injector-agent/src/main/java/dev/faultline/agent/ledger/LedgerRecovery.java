package dev.faultline.agent.ledger;

import dev.faultline.agent.fault.ActiveFault;
import dev.faultline.agent.fault.ActiveFaults;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.FaultExecutorRegistry;
import dev.faultline.agent.fault.FaultReverter;
import dev.faultline.agent.fault.OutlastsProcesses;
import dev.faultline.agent.fault.RevertCause;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.runtime.docker.ContainerInspector;
import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.common.command.InjectFault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * At start, reverts every fault the ledger holds: they were in effect when the previous agent process ended
 * (crash, kill -9) and nobody else will undo them. Runs at the lease watchdog's first round, shortly after
 * start-up (not in a start-up observer: the event channel is not connected that early, and touching it then
 * breaks it for good), and in any case before the first command is handled ({@link #awaitFirstRecovery()});
 * entries it cannot revert yet (Docker not answering) stay pending and are retried by the lease watchdog.
 */
@ApplicationScoped
public class LedgerRecovery {

    private static final Logger LOG = Logger.getLogger(LedgerRecovery.class);

    private final FaultLedger ledger;
    private final ContainerInspector inspector;
    private final FaultExecutorRegistry executors;
    private final ActiveFaults activeFaults;
    private final FaultReverter reverter;
    private volatile boolean firstDone;
    private volatile boolean pending;

    @Inject
    public LedgerRecovery(FaultLedger ledger, ContainerInspector inspector, FaultExecutorRegistry executors,
            ActiveFaults activeFaults, FaultReverter reverter) {
        this.ledger = ledger;
        this.inspector = inspector;
        this.executors = executors;
        this.activeFaults = activeFaults;
        this.reverter = reverter;
    }

    /** The first recovery, once; later callers wait for it to finish. */
    public synchronized void awaitFirstRecovery() {
        if (!firstDone) {
            try {
                recover();
            } finally {
                firstDone = true;
            }
        }
    }

    public boolean pending() {
        return pending;
    }

    /** @return how many entries were reverted (or found gone) this time */
    public synchronized int recover() {
        int done = 0;
        boolean left = false;
        for (InjectFault entry : ledger.entries()) {
            if (activeFaults.isActive(entry.faultId())) {
                continue; // in effect under this process's control: not an orphan
            }
            try {
                if (recoverOne(entry)) {
                    done++;
                } else {
                    left = true;
                }
            } catch (RuntimeException e) {
                LOG.errorf("cannot revert fault %s (run %s) from the ledger yet: %s; will retry", entry.faultId(),
                        entry.runId(), e.getMessage());
                left = true;
            }
        }
        pending = left;
        if (done > 0) {
            LOG.infof("recovered %d fault(s) from the ledger in %s", done, ledger.dir());
        }
        return done;
    }

    private boolean recoverOne(InjectFault entry) {
        Optional<InspectedContainer> found = inspector.find(entry.target().containerId());
        if (found.isEmpty()) {
            // Container removed: its namespaces, cgroups and filesystem went with it, so nothing is left to undo.
            return dropAsReverted(entry);
        }
        Optional<FaultExecutor<?>> executor = executors.forType(entry.fault().type());
        if (executor.isEmpty()) {
            LOG.errorf("ledger holds fault %s of type %s, which this agent cannot revert; left in %s",
                    entry.faultId(), entry.fault().type(), ledger.dir());
            return false;
        }
        if (found.get().pid() <= 0) {
            if (executor.get() instanceof OutlastsProcesses lasting) {
                // A stopped container, a file in its filesystem: still there, and undone like any revert.
                lasting.revertWhileDown(found.get(), entry.fault(), entry.faultId());
            }
            // Otherwise the effect lived in the processes' namespaces and cgroups, which went with them.
            return dropAsReverted(entry);
        }
        Target target = Target.of(entry.target(), found.get(), entry.faultId());
        return reverter.revert(new ActiveFault(entry, target, executor.get()), RevertCause.RECOVERED_FROM_LEDGER);
    }

    private boolean dropAsReverted(InjectFault entry) {
        ledger.remove(entry.faultId());
        reverter.reported(entry, RevertCause.RECOVERED_FROM_LEDGER);
        return true;
    }
}
