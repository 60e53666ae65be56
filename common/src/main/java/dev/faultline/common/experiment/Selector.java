package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Matches containers by exact name, by labels (all must match), by Docker Compose service and project, or any of
 * these together. An empty selector would match every opted-in container, which is never what an experiment means,
 * so it is refused.
 *
 * @param composeProject the {@code com.docker.compose.project} label: the Compose project (by default the
 *                       directory name of the compose file)
 * @param composeService the {@code com.docker.compose.service} label: the service as the compose file names it,
 *                       whichever replica containers it has
 */
public record Selector(String name, Map<String, String> labels, String composeProject, String composeService) {

    public static final String COMPOSE_PROJECT_LABEL = "com.docker.compose.project";
    public static final String COMPOSE_SERVICE_LABEL = "com.docker.compose.service";

    public Selector {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        Checks.start()
                .require((name != null && !name.isBlank()) || !labels.isEmpty() || present(composeProject)
                        || present(composeService), "",
                        "must name a container, a Compose service or project, or give at least one label")
                .require(composeProject == null || present(composeProject), "composeProject", "must not be blank")
                .require(composeService == null || present(composeService), "composeService", "must not be blank")
                .throwIfAny();
    }

    public Selector(String name, Map<String, String> labels) {
        this(name, labels, null, null);
    }

    public boolean matches(String containerName, Map<String, String> containerLabels) {
        if (name != null && !name.equals(containerName)) {
            return false;
        }
        return required().entrySet().stream().allMatch(e -> e.getValue().equals(containerLabels.get(e.getKey())));
    }

    /** The labels a container must carry: the given ones and the Compose ones (the way Compose marks its containers). */
    private Map<String, String> required() {
        if (composeProject == null && composeService == null) {
            return labels;
        }
        Map<String, String> all = new LinkedHashMap<>(labels);
        if (composeProject != null) {
            all.put(COMPOSE_PROJECT_LABEL, composeProject);
        }
        if (composeService != null) {
            all.put(COMPOSE_SERVICE_LABEL, composeService);
        }
        return all;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
