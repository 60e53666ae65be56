package dev.faultline.common.target;

import dev.faultline.common.validation.Checks;
import java.util.Map;

/**
 * A container as an agent saw it when it took its inventory. {@code state} is Docker's ({@code running},
 * {@code restarting}, {@code exited}, ...).
 *
 * @param optIn why the agent counts the container as opted in ({@code label faultline.enabled=true}, or its host's
 *              allow-list: a Compose project or a label); null from agents older than the allow-list, whose
 *              inventory holds only labelled containers
 * @param ecsTask the ECS task the container belongs to (from the ECS agent's labels, with its service where the agent
 *              is configured for ECS); null for a container ECS did not start, and from agents older than ECS support
 */
public record ContainerInfo(String id, String name, String image, String state, Map<String, String> labels,
        String optIn, EcsTaskInfo ecsTask) {

    /** Containers without this label set to {@code true} are never targeted. */
    public static final String OPT_IN_LABEL = "faultline.enabled";

    public ContainerInfo {
        Checks.start().notBlank(id, "id").notBlank(name, "name").notBlank(state, "state").throwIfAny();
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** As agents reported containers before the allow-list: opted in by the label alone. */
    public ContainerInfo(String id, String name, String image, String state, Map<String, String> labels) {
        this(id, name, image, state, labels, null);
    }

    /** As agents reported containers before ECS support: the task, if any, read from the labels. */
    public ContainerInfo(String id, String name, String image, String state, Map<String, String> labels,
            String optIn) {
        this(id, name, image, state, labels, optIn,
                labels == null ? null : EcsTaskInfo.fromLabels(labels).orElse(null));
    }

    /** The same container with its ECS task (the service filled in). */
    public ContainerInfo withEcsTask(EcsTaskInfo task) {
        return new ContainerInfo(id, name, image, state, labels, optIn, task);
    }

    public boolean running() {
        return "running".equals(state);
    }

    /** Opted in by the label, or by the allow-list of the agent that reported it (which enforces the same rule). */
    public boolean optedIn() {
        return optIn != null || "true".equalsIgnoreCase(labels.get(OPT_IN_LABEL));
    }
}
