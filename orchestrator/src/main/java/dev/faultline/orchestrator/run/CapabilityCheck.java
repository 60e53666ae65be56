package dev.faultline.orchestrator.run;

import dev.faultline.common.capability.AgentCapabilities;
import dev.faultline.common.capability.Capability;
import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.fault.FaultSpec;
import dev.faultline.common.validation.Violation;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a fault that the agent chosen for it has said it cannot run (its heartbeat's capabilities), so that the
 * operator learns it from the dry run rather than from a fault-failed event in the middle of a run. The agent is
 * the judge: it knows its executors and measured its host.
 */
public final class CapabilityCheck {

    private CapabilityCheck() {
    }

    /**
     * Why {@code agent} cannot run {@code fault}; empty when it can, or when it does not say (agents older than the
     * capabilities field: they will answer with fault-failed if they cannot).
     */
    public static Optional<String> refusal(AgentHeartbeat agent, FaultSpec fault) {
        AgentCapabilities capabilities = agent.capabilities();
        if (capabilities == null) {
            return Optional.empty();
        }
        Optional<Capability> support = capabilities.fault(fault.type());
        if (support.isEmpty()) {
            return Optional.of("agent " + agent.agentId() + " does not know fault type " + fault.type()
                    + " (it is older than this orchestrator)");
        }
        if (support.get().available()) {
            return Optional.empty();
        }
        return Optional.of("agent " + agent.agentId() + " cannot run " + fault.type() + ": " + support.get().detail());
    }

    /** Valid experiment, but a chosen agent cannot run one of its faults: a 422 with the reason per fault. */
    public static class UnsupportedFaultException extends RuntimeException {
        private final List<Violation> violations;

        public UnsupportedFaultException(List<Violation> violations) {
            super(violations.toString());
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }
}
