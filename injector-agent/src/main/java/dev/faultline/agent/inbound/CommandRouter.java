package dev.faultline.agent.inbound;

import dev.faultline.agent.config.AgentConfig;
import dev.faultline.agent.fault.ActiveFaults;
import dev.faultline.agent.fault.Arrival;
import dev.faultline.agent.fault.FaultInjector;
import dev.faultline.agent.fault.FaultReverter;
import dev.faultline.agent.fault.HaltFence;
import dev.faultline.agent.lease.LeaseTracker;
import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.command.HaltAll;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.command.RenewLease;
import dev.faultline.common.command.RevertFault;
import dev.faultline.common.delivery.MessageDeduplicator;
import dev.faultline.common.topic.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides what this agent does with a command: every agent reads every command (its own consumer group), acts on
 * those addressed to it or to all, once per message id.
 */
@ApplicationScoped
public class CommandRouter {

    private static final Logger LOG = Logger.getLogger(CommandRouter.class);

    private final String agentId;
    private final FaultInjector injector;
    private final FaultReverter reverter;
    private final ActiveFaults activeFaults;
    private final LeaseTracker leases;
    private final MessageDeduplicator recent;
    private final HaltFence fence = new HaltFence();

    @Inject
    public CommandRouter(AgentConfig config, FaultInjector injector, FaultReverter reverter, ActiveFaults activeFaults,
            LeaseTracker leases) {
        this(config.id(), injector, reverter, activeFaults, leases,
                new MessageDeduplicator(MessageDeduplicator.DEFAULT_CAPACITY));
    }

    public CommandRouter(String agentId, FaultInjector injector, FaultReverter reverter, ActiveFaults activeFaults,
            LeaseTracker leases, MessageDeduplicator recent) {
        this.agentId = agentId;
        this.injector = injector;
        this.reverter = reverter;
        this.activeFaults = activeFaults;
        this.leases = leases;
        this.recent = recent;
    }

    /** @return whether the command was acted on (addressed here and not a duplicate) */
    public boolean route(ChaosCommand command) {
        return route(command, null);
    }

    /**
     * @param arrival how the command got here (an InjectFault reports it with its event); null: it arrives now
     * @return whether the command was acted on (addressed here and not a duplicate)
     */
    public boolean route(ChaosCommand command, Arrival arrival) {
        if (!addressedToMe(command)) {
            LOG.tracef("command %s is for agent %s, not %s", command.messageId(), command.agentId(), agentId);
            return false;
        }
        if (!recent.firstSeen(command.messageId())) {
            LOG.debugf("dropping duplicate command %s (run %s)", command.messageId(), command.runId());
            return false;
        }
        if (command instanceof InjectFault inject) {
            Optional<HaltAll> overtaking = fence.overtaking(inject);
            if (overtaking.isPresent()) {
                injector.refuseOvertakenBy(inject, overtaking.get());
            } else if (arrival == null) {
                injector.inject(inject);
            } else {
                injector.inject(inject, arrival);
            }
        } else if (command instanceof RevertFault revert) {
            // A fault still waiting for its executeAt is never applied; one applied is reverted.
            if (!injector.cancelAhead(revert.faultId())) {
                reverter.requested(revert);
            }
        } else if (command instanceof HaltAll halt) {
            // The fence first, then what is waiting, so that nothing the halt covers takes effect after it.
            fence.passed(halt);
            injector.cancelAheadCoveredBy(halt);
            reverter.haltAll(halt);
            // Runs with faults still in effect were started after the halt: their leases keep them alive.
            leases.retainOnly(activeFaults.runIds());
        } else if (command instanceof RenewLease lease) {
            leases.renewed(lease);
            LOG.debugf("lease of run %s renewed until %s", lease.runId(), lease.expiresAt());
        }
        return true;
    }

    private boolean addressedToMe(ChaosCommand command) {
        return agentId.equals(command.agentId()) || Topics.BROADCAST_KEY.equals(command.agentId());
    }
}
