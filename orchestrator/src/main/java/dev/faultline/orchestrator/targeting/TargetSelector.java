package dev.faultline.orchestrator.targeting;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.experiment.SelectionMode;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.common.target.TargetRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Resolves a target selection against the agents' inventories: only running containers that opted in, matching
 * the selector, then {@code count} of them or {@code percent} (rounded up, at least one), at random or the first
 * ones by name. Pure: the randomness is passed in.
 */
public final class TargetSelector {

    private final RandomGenerator random;

    public TargetSelector(RandomGenerator random) {
        this.random = random;
    }

    public List<TargetRef> select(TargetSelection selection, List<AgentHeartbeat> agents) {
        List<TargetRef> candidates = candidates(selection, agents);
        if (candidates.isEmpty()) {
            throw new NoMatchingTargetException(describeInventory(agents));
        }
        int wanted = selection.count() != null
                ? selection.count()
                : (int) Math.max(1, Math.ceil(candidates.size() * selection.percent() / 100.0));
        if (wanted > candidates.size()) {
            throw new NoMatchingTargetException("asked for " + wanted + " targets but only " + candidates.size()
                    + " match: " + names(candidates));
        }
        List<TargetRef> pool = new ArrayList<>(candidates);
        if (selection.mode() == SelectionMode.RANDOM) {
            shuffle(pool);
        }
        return List.copyOf(pool.subList(0, wanted));
    }

    /**
     * Every running, opted-in container that the selector matches (or that is a replica of the selected Compose or
     * Swarm service), sorted by name then agent. An ECS service's tasks are not Docker containers an agent reports
     * by service, so they are refused here with the reason.
     */
    public static List<TargetRef> candidates(TargetSelection selection, List<AgentHeartbeat> agents) {
        Selector selector = selection.containerSelector().orElseThrow(() -> new NoMatchingTargetException(
                "targets " + selection.service().describe() + ": ECS tasks are listed through the ECS API, which"
                        + " this orchestrator's target selection does not read; select them through the ECS task"
                        + " source (module ecs-support)"));
        List<TargetRef> matches = new ArrayList<>();
        for (AgentHeartbeat agent : agents) {
            for (ContainerInfo c : agent.inventory()) {
                if (c.running() && c.optedIn() && selector.matches(c.name(), c.labels())) {
                    matches.add(new TargetRef(agent.agentId(), c.id(), c.name()));
                }
            }
        }
        matches.sort(Comparator.comparing(TargetRef::containerName).thenComparing(TargetRef::agentId));
        return matches;
    }

    private void shuffle(List<TargetRef> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            TargetRef tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }

    private static String describeInventory(List<AgentHeartbeat> agents) {
        if (agents.isEmpty()) {
            return "matches no container: no agent is connected (start one on the target's host)";
        }
        List<String> running = agents.stream().flatMap(a -> a.inventory().stream())
                .filter(c -> c.running() && c.optedIn()).map(ContainerInfo::name).sorted().toList();
        return "matches no running opted-in container (labelled " + ContainerInfo.OPT_IN_LABEL + "=true or allowed"
                + " by its agent's opt-in allow-list)"
                + (running.isEmpty() ? " (the agents report none)" : "; candidates are: " + String.join(", ", running));
    }

    private static String names(List<TargetRef> targets) {
        return String.join(", ", targets.stream().map(TargetRef::toString).toList());
    }

    /** The selection cannot be satisfied by what the agents report; the message says what they do report. */
    public static class NoMatchingTargetException extends RuntimeException {
        public NoMatchingTargetException(String message) {
            super(message);
        }
    }
}
