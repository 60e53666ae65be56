package dev.faultline.orchestrator.targeting;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.experiment.SelectionMode;
import dev.faultline.common.experiment.ServiceKind;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.ServiceTarget;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.common.target.EcsTaskInfo;
import dev.faultline.common.target.TargetRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Resolves a target selection against the agents' inventories: only running containers that opted in, matching
 * the selector, then {@code count} of them or {@code percent} (rounded up, at least one), at random or the first
 * ones by name. Pure: the randomness is passed in.
 */
public final class TargetSelector {

    private static final Comparator<TargetRef> BY_NAME_THEN_AGENT =
            Comparator.comparing(TargetRef::containerName).thenComparing(TargetRef::agentId);

    private final RandomGenerator random;

    public TargetSelector(RandomGenerator random) {
        this.random = random;
    }

    public List<TargetRef> select(TargetSelection selection, List<AgentHeartbeat> agents) {
        List<TargetRef> candidates = candidates(selection, agents);
        if (candidates.isEmpty() && selection.service() != null && selection.service().kind() == ServiceKind.ECS) {
            throw new NoMatchingTargetException("targets " + selection.service().describe() + ": no agent reports a"
                    + " running, opted-in container of its tasks (agents on its container instances need"
                    + " faultline.agent.ecs.enabled=true to name each task's service; docs/ecs.md)");
        }
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
     * Swarm service), sorted by name then agent. For an ECS service, one container per running task of it, as the
     * agents report them (the ECS agent's labels name the task, the agent adds its service): a count or percent then
     * counts tasks, as ECS does; the task's first opted-in container by name stands for it.
     */
    public static List<TargetRef> candidates(TargetSelection selection, List<AgentHeartbeat> agents) {
        if (selection.service() != null && selection.service().kind() == ServiceKind.ECS) {
            return ecsTasks(selection.service(), agents);
        }
        Selector selector = selection.containerSelector().orElseThrow();
        List<TargetRef> matches = new ArrayList<>();
        for (AgentHeartbeat agent : agents) {
            for (ContainerInfo c : agent.inventory()) {
                if (c.running() && c.optedIn() && selector.matches(c.name(), c.labels())) {
                    matches.add(new TargetRef(agent.agentId(), c.id(), c.name()));
                }
            }
        }
        matches.sort(BY_NAME_THEN_AGENT);
        return matches;
    }

    private static List<TargetRef> ecsTasks(ServiceTarget service, List<AgentHeartbeat> agents) {
        Map<String, TargetRef> byTask = new TreeMap<>();
        for (AgentHeartbeat agent : agents) {
            for (ContainerInfo c : agent.inventory()) {
                EcsTaskInfo task = c.ecsTask();
                if (c.running() && c.optedIn() && task != null && service.name().equals(task.service())
                        && sameCluster(service.cluster(), task.cluster())) {
                    TargetRef ref = new TargetRef(agent.agentId(), c.id(), c.name());
                    byTask.merge(task.taskArn(), ref, (a, b) -> BY_NAME_THEN_AGENT.compare(a, b) <= 0 ? a : b);
                }
            }
        }
        List<TargetRef> matches = new ArrayList<>(byTask.values());
        matches.sort(BY_NAME_THEN_AGENT);
        return matches;
    }

    /** A cluster given by name matches the ARN the ECS agent labels a container with, and the other way round. */
    static boolean sameCluster(String wanted, String reported) {
        return wanted.equals(reported) || reported.endsWith(":cluster/" + wanted) || wanted.endsWith(":cluster/" + reported);
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
