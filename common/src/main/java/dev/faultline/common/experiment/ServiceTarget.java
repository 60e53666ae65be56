package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.util.Map;
import java.util.Optional;

/**
 * A service as the target of a fault: the replicas (containers, Swarm tasks, ECS tasks) that one platform keeps at a
 * desired count. The fault hits {@code count} or {@code percent} of its running replicas; the observer samples the
 * service's desired, running and healthy counts over the run and times its return to the desired healthy count.
 *
 * @param kind     compose, swarm or ecs
 * @param name     the service's name as its platform spells it (Compose: the service in the compose file; Swarm: the
 *                 service name, stack prefix included; ECS: the service name)
 * @param project  Compose only, optional: the Compose project, to tell apart services of the same name
 * @param cluster  ECS only, required: the cluster's name or ARN
 * @param replicas optional: the desired count to judge recovery against; without it Compose's desired count is the
 *                 number of running replicas when the run starts (Compose has no desired count of its own), Swarm's
 *                 and ECS's the service's own
 */
public record ServiceTarget(ServiceKind kind, String name, String project, String cluster, Integer replicas) {

    /** Swarm's label on every task container: the service the task belongs to. */
    public static final String SWARM_SERVICE_LABEL = "com.docker.swarm.service.name";
    /** Swarm's label on every task container: the task's id, which outlives no replacement. */
    public static final String SWARM_TASK_LABEL = "com.docker.swarm.task.id";

    public ServiceTarget {
        Checks.start()
                .notNull(kind, "kind")
                .notBlank(name, "name")
                .require(project == null || (kind == ServiceKind.COMPOSE && !project.isBlank()), "project",
                        "is for kind compose only, and must not be blank")
                .require(kind != ServiceKind.ECS || (cluster != null && !cluster.isBlank()), "cluster",
                        "is required for kind ecs")
                .require(cluster == null || kind == ServiceKind.ECS, "cluster", "is for kind ecs only")
                .inRange(replicas, 1, 1000, "replicas")
                .throwIfAny();
    }

    /**
     * The labels that mark this service's containers on a Docker host, or empty for ECS, whose tasks the ECS API
     * lists (on container instances the ECS agent labels task containers with the cluster and task family, not the
     * service).
     */
    public Optional<Map<String, String>> containerLabels() {
        return switch (kind) {
            case COMPOSE -> Optional.of(project == null
                    ? Map.of(Selector.COMPOSE_SERVICE_LABEL, name)
                    : Map.of(Selector.COMPOSE_SERVICE_LABEL, name, Selector.COMPOSE_PROJECT_LABEL, project));
            case SWARM -> Optional.of(Map.of(SWARM_SERVICE_LABEL, name));
            case ECS -> Optional.empty();
        };
    }

    /** The container selector of this service's replicas on Docker hosts; empty for ECS. */
    public Optional<Selector> containerSelector() {
        return containerLabels().map(labels -> new Selector(null, labels));
    }

    /** How reports and findings name the service: {@code swarm service shop_product}. */
    public String describe() {
        String where = project != null ? " (project " + project + ")" : cluster != null ? " (cluster " + cluster + ")"
                : "";
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " service " + name + where;
    }
}
