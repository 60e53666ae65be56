package dev.faultline.orchestrator.run;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.validation.Violation;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.orchestrator.targeting.BlastRadius;
import dev.faultline.orchestrator.targeting.TargetSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns an experiment into the faults to send: one per step and resolved target, each with its own fault id
 * ({@code <runId>-f<step>-<n>}), so that an agent command acts on exactly one target.
 */
public final class RunPlanner {

    private final TargetSelector selector;
    private final BlastRadius blastRadius;

    public RunPlanner(TargetSelector selector) {
        this(selector, BlastRadius.defaults());
    }

    public RunPlanner(TargetSelector selector, BlastRadius blastRadius) {
        this.selector = selector;
        this.blastRadius = blastRadius;
    }

    /**
     * @throws UnresolvableTargetsException when a step matches nothing
     * @throws BlastRadiusExceededException when the plan hits more than the caps allow
     */
    public List<PlannedFault> plan(String runId, Experiment experiment, List<AgentHeartbeat> allLiveAgents) {
        // Faultline's own infrastructure is not a candidate unless the experiment says so explicitly.
        List<AgentHeartbeat> liveAgents = experiment.platformTargetsAllowed() ? allLiveAgents
                : allLiveAgents.stream().map(RunPlanner::withoutPlatform).toList();
        List<PlannedFault> plan = new ArrayList<>();
        List<Violation> unresolved = new ArrayList<>();
        List<Violation> unsupported = new ArrayList<>();
        Map<String, AgentHeartbeat> agents = liveAgents.stream()
                .collect(Collectors.toMap(AgentHeartbeat::agentId, a -> a, (a, b) -> b));
        for (int step = 0; step < experiment.faults().size(); step++) {
            FaultStep faultStep = experiment.faults().get(step);
            try {
                List<TargetRef> targets = selector.select(faultStep.target(), liveAgents);
                for (int n = 0; n < targets.size(); n++) {
                    plan.add(new PlannedFault(runId + "-f" + step + "-" + n, targets.get(n), faultStep.fault(),
                            experiment.durationOf(faultStep), faultStep.startAfter()));
                    refuseUnsupported(step, agents.get(targets.get(n).agentId()), faultStep, unsupported);
                }
            } catch (TargetSelector.NoMatchingTargetException e) {
                unresolved.add(new Violation("faults[" + step + "].target.selector", e.getMessage()));
            }
        }
        if (!unresolved.isEmpty()) {
            throw new UnresolvableTargetsException(unresolved);
        }
        if (!unsupported.isEmpty()) {
            throw new CapabilityCheck.UnsupportedFaultException(unsupported);
        }
        List<Violation> tooMuch = blastRadius.check(plan.stream().map(PlannedFault::target).toList(), liveAgents);
        if (!tooMuch.isEmpty()) {
            throw new BlastRadiusExceededException(tooMuch);
        }
        return plan;
    }

    private static void refuseUnsupported(int step, AgentHeartbeat agent, FaultStep faultStep,
            List<Violation> unsupported) {
        Optional<String> refusal = agent == null ? Optional.empty() : CapabilityCheck.refusal(agent, faultStep.fault());
        if (refusal.isPresent()) {
            Violation violation = new Violation("faults[" + step + "].fault", refusal.get());
            if (!unsupported.contains(violation)) {
                unsupported.add(violation);
            }
        }
    }

    private static AgentHeartbeat withoutPlatform(AgentHeartbeat heartbeat) {
        List<ContainerInfo> kept = heartbeat.inventory().stream().filter(c -> !BlastRadius.isPlatform(c)).toList();
        if (kept.size() == heartbeat.inventory().size()) {
            return heartbeat;
        }
        return new AgentHeartbeat(heartbeat.schemaVersion(), heartbeat.messageId(), heartbeat.runId(),
                heartbeat.timestamp(), heartbeat.agentId(), heartbeat.hostname(), heartbeat.interval(), kept,
                heartbeat.capabilities());
    }

    /** The plan is within what the agents report but beyond the blast-radius caps. */
    public static class BlastRadiusExceededException extends RuntimeException {
        private final List<Violation> violations;

        public BlastRadiusExceededException(List<Violation> violations) {
            super(violations.toString());
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /** Some step's selector matches nothing the agents report: the experiment is valid but cannot run now. */
    public static class UnresolvableTargetsException extends RuntimeException {
        private final List<Violation> violations;

        public UnresolvableTargetsException(List<Violation> violations) {
            super(violations.toString());
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }
}
