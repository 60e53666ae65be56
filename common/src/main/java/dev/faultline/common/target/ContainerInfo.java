package dev.faultline.common.target;

import dev.faultline.common.validation.Checks;
import java.util.Map;

/**
 * A container as an agent saw it when it took its inventory. {@code state} is Docker's ({@code running},
 * {@code restarting}, {@code exited}, ...).
 */
public record ContainerInfo(String id, String name, String image, String state, Map<String, String> labels) {

    /** Containers without this label set to {@code true} are never targeted. */
    public static final String OPT_IN_LABEL = "faultline.enabled";

    public ContainerInfo {
        Checks.start().notBlank(id, "id").notBlank(name, "name").notBlank(state, "state").throwIfAny();
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public boolean running() {
        return "running".equals(state);
    }

    public boolean optedIn() {
        return "true".equalsIgnoreCase(labels.get(OPT_IN_LABEL));
    }
}
