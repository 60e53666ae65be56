package dev.faultline.orchestrator.targeting;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.experiment.ServiceTarget;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.validation.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The orchestrator's caps on how much one run may hit: at most {@code maxTargets} targets in all, and for each
 * service at most {@code maxPercentOfService} percent of its running replicas. A service is the set of running,
 * opted-in containers sharing the value of {@code faultline.service}, else of {@code com.docker.swarm.service.name}
 * (a Swarm service's task containers: every task of it counts as one replica of that one service), else of
 * {@code com.docker.compose.service}, else the ECS service of its task (the agent reports it, {@code ecsTask.service});
 * a container with none is a service of its own and is not capped by percent. Agents enforce their own caps too.
 */
public record BlastRadius(int maxTargets, int maxPercentOfService) {

    public static final String SERVICE_LABEL = "faultline.service";
    public static final String COMPOSE_SERVICE_LABEL = "com.docker.compose.service";
    public static final String SWARM_SERVICE_LABEL = ServiceTarget.SWARM_SERVICE_LABEL;
    public static final String PLATFORM_LABEL = "faultline.platform";

    public BlastRadius {
        if (maxTargets < 1) {
            throw new IllegalArgumentException("faultline.blast-radius.max-targets must be at least 1, was " + maxTargets);
        }
        if (maxPercentOfService < 1 || maxPercentOfService > 100) {
            throw new IllegalArgumentException("faultline.blast-radius.max-percent-of-service must be 1..100, was "
                    + maxPercentOfService);
        }
    }

    public static BlastRadius defaults() {
        return new BlastRadius(10, 50);
    }

    public static Optional<String> serviceOf(ContainerInfo container) {
        String service = container.labels().get(SERVICE_LABEL);
        if (service == null || service.isBlank()) {
            service = container.labels().get(SWARM_SERVICE_LABEL);
        }
        if (service == null || service.isBlank()) {
            service = container.labels().get(COMPOSE_SERVICE_LABEL);
        }
        if ((service == null || service.isBlank()) && container.ecsTask() != null
                && container.ecsTask().service() != null) {
            service = "ecs:" + container.ecsTask().cluster() + "/" + container.ecsTask().service();
        }
        return service == null || service.isBlank() ? Optional.empty() : Optional.of(service);
    }

    public static boolean isPlatform(ContainerInfo container) {
        return "true".equalsIgnoreCase(container.labels().get(PLATFORM_LABEL));
    }

    /** Every cap the plan exceeds, as violations an operator can act on; empty when it is within the caps. */
    public List<Violation> check(List<TargetRef> targets, List<AgentHeartbeat> agents) {
        List<Violation> violations = new ArrayList<>();
        long distinct = targets.stream().map(t -> t.agentId() + "/" + t.containerId()).distinct().count();
        if (distinct > maxTargets) {
            violations.add(new Violation("faults", "the run would hit " + distinct + " targets; the blast-radius cap "
                    + "is " + maxTargets + " (faultline.blast-radius.max-targets)"));
        }
        Map<String, Integer> replicas = new HashMap<>();
        Map<String, String> serviceOfTarget = new HashMap<>();
        for (AgentHeartbeat agent : agents) {
            for (ContainerInfo c : agent.inventory()) {
                if (!c.running() || !c.optedIn()) {
                    continue;
                }
                Optional<String> service = serviceOf(c);
                service.ifPresent(s -> {
                    replicas.merge(s, 1, Integer::sum);
                    serviceOfTarget.put(agent.agentId() + "/" + c.id(), s);
                });
            }
        }
        Map<String, Integer> hit = new HashMap<>();
        targets.stream().map(t -> t.agentId() + "/" + t.containerId()).distinct()
                .map(serviceOfTarget::get).filter(s -> s != null).forEach(s -> hit.merge(s, 1, Integer::sum));
        hit.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int total = replicas.get(e.getKey());
            if (e.getValue() * 100 > total * maxPercentOfService) {
                violations.add(new Violation("faults", "the run would hit " + e.getValue() + " of the " + total
                        + " replicas of service " + e.getKey() + "; the blast-radius cap is " + maxPercentOfService
                        + "% (faultline.blast-radius.max-percent-of-service)"));
            }
        });
        return violations;
    }
}
