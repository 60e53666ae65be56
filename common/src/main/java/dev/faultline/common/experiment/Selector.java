package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.util.Map;

/**
 * Matches containers by exact name, by labels (all must match), or both. An empty selector would match every
 * opted-in container, which is never what an experiment means, so it is refused.
 */
public record Selector(String name, Map<String, String> labels) {

    public Selector {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        Checks.start()
                .require((name != null && !name.isBlank()) || !labels.isEmpty(), "",
                        "must name a container or give at least one label")
                .throwIfAny();
    }

    public boolean matches(String containerName, Map<String, String> containerLabels) {
        if (name != null && !name.equals(containerName)) {
            return false;
        }
        return labels.entrySet().stream().allMatch(e -> e.getValue().equals(containerLabels.get(e.getKey())));
    }
}
