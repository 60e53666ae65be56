package dev.faultline.agent.safety;

import dev.faultline.agent.config.AgentConfig;
import dev.faultline.common.target.ContainerInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's one rule for which containers may be targeted at all. A container is opted in when it carries
 * {@code faultline.enabled=true}, or, from this host's configuration, belongs to an allowed Compose project
 * ({@code faultline.agent.opt-in.compose-projects}) or carries an allowed label
 * ({@code faultline.agent.opt-in.labels}, {@code key=value}). A container labelled {@code faultline.enabled=false}
 * is out whatever the allow-list says, so a team can opt in its stack and keep one container (its database) out.
 * Both the inventory the orchestrator selects from and every command the agent carries out go through this rule.
 */
@ApplicationScoped
public class OptInPolicy {

    static final String COMPOSE_PROJECT = "com.docker.compose.project";

    private final Set<String> composeProjects;
    private final Map<String, String> labels;

    @Inject
    public OptInPolicy(AgentConfig config) {
        this(config.optIn().composeProjects().orElse(List.of()), config.optIn().labels().orElse(List.of()));
    }

    /**
     * @param composeProjects allowed Compose project names
     * @param labels          allowed labels as {@code key=value}
     * @throws IllegalArgumentException for a blank project or a label that is not {@code key=value}, so that a
     *                                  mistyped allow-list stops the agent instead of opting in nothing (or more)
     */
    public OptInPolicy(List<String> composeProjects, List<String> labels) {
        Set<String> projects = new LinkedHashSet<>();
        for (String project : composeProjects) {
            String name = project == null ? "" : project.trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("faultline.agent.opt-in.compose-projects: blank project name in "
                        + composeProjects);
            }
            projects.add(name);
        }
        Map<String, String> allowed = new LinkedHashMap<>();
        for (String label : labels) {
            int eq = label == null ? -1 : label.indexOf('=');
            if (eq <= 0 || label.substring(0, eq).isBlank() || eq == label.length() - 1) {
                throw new IllegalArgumentException("faultline.agent.opt-in.labels: '" + label
                        + "' is not key=value");
            }
            allowed.put(label.substring(0, eq).trim(), label.substring(eq + 1).trim());
        }
        // In the configured order, so that a refusal lists them as the host's configuration does.
        this.composeProjects = Collections.unmodifiableSet(projects);
        this.labels = Collections.unmodifiableMap(allowed);
    }

    /** Only the label, as without any allow-list: for tests and agents that configure none. */
    public static OptInPolicy labelOnly() {
        return new OptInPolicy(List.of(), List.of());
    }

    /** Why a container with these labels is opted in, in words; empty when it is not. */
    public Optional<String> reason(Map<String, String> containerLabels) {
        String enabled = containerLabels.get(ContainerInfo.OPT_IN_LABEL);
        if ("true".equalsIgnoreCase(enabled)) {
            return Optional.of("label " + ContainerInfo.OPT_IN_LABEL + "=true");
        }
        if ("false".equalsIgnoreCase(enabled)) {
            return Optional.empty();
        }
        String project = containerLabels.get(COMPOSE_PROJECT);
        if (project != null && composeProjects.contains(project)) {
            return Optional.of("Compose project " + project + " (the agent's allow-list)");
        }
        for (Map.Entry<String, String> allowed : labels.entrySet()) {
            if (allowed.getValue().equals(containerLabels.get(allowed.getKey()))) {
                return Optional.of("label " + allowed.getKey() + "=" + allowed.getValue()
                        + " (the agent's allow-list)");
            }
        }
        return Optional.empty();
    }

    /** Why a container with these labels is refused, in words, naming what would opt it in. */
    public String refusal(String containerName, Map<String, String> containerLabels) {
        if ("false".equalsIgnoreCase(containerLabels.get(ContainerInfo.OPT_IN_LABEL))) {
            return "container " + containerName + " carries " + ContainerInfo.OPT_IN_LABEL
                    + "=false, which opts it out whatever this agent's allow-list says; the agent refuses it";
        }
        List<String> ways = new ArrayList<>();
        ways.add("does not carry the label " + ContainerInfo.OPT_IN_LABEL + "=true");
        if (!composeProjects.isEmpty()) {
            String project = containerLabels.get(COMPOSE_PROJECT);
            ways.add("is not in an allowed Compose project (its project: " + (project == null ? "none" : project)
                    + "; allowed: " + String.join(", ", composeProjects) + ")");
        }
        if (!labels.isEmpty()) {
            ways.add("carries none of the allowed labels (" + String.join(", ", labels.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()) + ")");
        }
        return "container " + containerName + " " + String.join(", ", ways) + "; the agent refuses it";
    }
}
