package dev.faultline.agent.safety;

import dev.faultline.agent.config.AgentConfig;
import dev.faultline.agent.runtime.docker.InspectedContainer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Knows what belongs to Faultline itself: containers labelled {@code faultline.platform=true} and the container
 * this agent runs in. Hitting them would take down the thing that reverts faults, so the agent refuses unless the
 * experiment explicitly allows it.
 */
@ApplicationScoped
public class PlatformGuard {

    public static final String PLATFORM_LABEL = "faultline.platform";
    private static final Pattern CONTAINER_ID = Pattern.compile("(?:docker[-/]|containers/)([0-9a-f]{64})");

    private final Optional<String> ownContainerId;

    @Inject
    public PlatformGuard(AgentConfig config) {
        this(config.containerId().or(PlatformGuard::detectOwnContainer));
    }

    public PlatformGuard(Optional<String> ownContainerId) {
        this.ownContainerId = ownContainerId.filter(id -> !id.isBlank());
    }

    public Optional<String> ownContainerId() {
        return ownContainerId;
    }

    /** Why the container is part of the platform, or empty when it is not. */
    public Optional<String> platformReason(InspectedContainer container) {
        if ("true".equalsIgnoreCase(container.labels().get(PLATFORM_LABEL))) {
            return Optional.of("container " + container.name() + " carries " + PLATFORM_LABEL
                    + "=true (Faultline's own infrastructure)");
        }
        if (ownContainerId.isPresent() && (container.id().startsWith(ownContainerId.get())
                || ownContainerId.get().startsWith(container.id()))) {
            return Optional.of("container " + container.name() + " is the one this agent runs in");
        }
        return Optional.empty();
    }

    /** The 64-hex container id in /proc/self/cgroup or /proc/self/mountinfo text, if the process runs in one. */
    public static Optional<String> containerIdIn(String procText) {
        if (procText == null) {
            return Optional.empty();
        }
        Matcher m = CONTAINER_ID.matcher(procText);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static Optional<String> detectOwnContainer() {
        for (String file : new String[] {"/proc/self/cgroup", "/proc/self/mountinfo"}) {
            try {
                Optional<String> id = containerIdIn(Files.readString(Path.of(file)));
                if (id.isPresent()) {
                    return id;
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or not readable: then we cannot be in a container we could target
            }
        }
        return Optional.empty();
    }
}
