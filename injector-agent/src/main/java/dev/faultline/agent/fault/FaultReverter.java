package dev.faultline.agent.fault;

import dev.faultline.agent.outbound.EventPublisher;
import dev.faultline.common.command.HaltAll;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.command.RevertFault;
import dev.faultline.common.event.FaultReverted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/** Reverts lasting faults: at the end of their duration, on request, or all at once on a halt. */
@ApplicationScoped
public class FaultReverter {

    private static final Logger LOG = Logger.getLogger(FaultReverter.class);

    private final ActiveFaults activeFaults;
    private final EventPublisher events;
    private final Clock clock;

    @Inject
    public FaultReverter(ActiveFaults activeFaults, EventPublisher events, Clock clock) {
        this.activeFaults = activeFaults;
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

    /** HaltAll: every active fault, whatever its run. */
    public void haltAll(HaltAll command) {
        List<ActiveFault> faults = activeFaults.removeAll();
        LOG.infof("halt by %s (%s): reverting %d active fault(s)", command.operator(), command.reason(), faults.size());
        faults.forEach(fault -> revert(fault, RevertCause.HALTED));
    }

    /** Reverts a fault already taken out of {@link ActiveFaults} and reports it. */
    public void revert(ActiveFault fault, RevertCause cause) {
        InjectFault command = fault.command();
        try {
            fault.executor().revertUnchecked(fault.target(), command.fault());
        } catch (RuntimeException e) {
            // The contract has no revert-failed event yet; say it loudly rather than report a revert that did not happen.
            LOG.errorf("REVERT FAILED for fault %s (run %s, %s on %s): %s; the fault may still be in effect",
                    command.faultId(), command.runId(), command.fault().type(), fault.target(), e.getMessage());
            return;
        }
        Instant revertedAt = clock.instant();
        LOG.infof("reverted fault %s (run %s, %s on %s): %s", command.faultId(), command.runId(),
                command.fault().type(), fault.target(), cause.wireName());
        events.publish(FaultReverted.of(command.runId(), command.faultId(), command.fault().type(), command.target(),
                revertedAt, cause.wireName(), clock.instant()));
    }
}
