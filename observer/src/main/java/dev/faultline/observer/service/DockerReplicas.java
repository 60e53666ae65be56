package dev.faultline.observer.service;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The running containers that carry a service's labels on one Docker engine, each inspected for the instants the
 * engine recorded: its start and its health check's passing. Shared by the Compose and Swarm sources, which
 * differ in the labels and in where the desired count comes from.
 */
final class DockerReplicas {

    private final Supplier<DockerClient> docker;

    DockerReplicas(Supplier<DockerClient> docker) {
        this.docker = docker;
    }

    List<ReplicaState> running(Map<String, String> labels) {
        List<Container> containers = docker.get().listContainersCmd().withLabelFilter(labels).exec();
        List<ReplicaState> replicas = new ArrayList<>();
        for (Container c : containers) {
            try {
                InspectContainerResponse inspected = docker.get().inspectContainerCmd(c.getId()).exec();
                InspectContainerResponse.ContainerState state = inspected.getState();
                if (state == null || !Boolean.TRUE.equals(state.getRunning())) {
                    continue;
                }
                String name = inspected.getName() == null ? c.getId() : inspected.getName().replaceFirst("^/", "");
                Boolean healthy = healthy(state.getHealth());
                replicas.add(new ReplicaState(c.getId(), name, healthy, instant(state.getStartedAt()),
                        Boolean.TRUE.equals(healthy) ? healthySince(state.getHealth().getLog()) : null));
            } catch (NotFoundException gone) {
                // removed between the list and the inspect: not running any more
            }
        }
        return replicas;
    }

    private static Boolean healthy(HealthState health) {
        if (health == null || health.getStatus() == null || "none".equals(health.getStatus())) {
            return null;
        }
        return "healthy".equals(health.getStatus());
    }

    /**
     * The end of the first passing check after the last failing one in Docker's health log (it keeps the last five):
     * the instant Docker turned the status healthy, as its {@code health_status: healthy} event does. Null when every
     * logged check passed and the log is full, since the streak began before the oldest entry it kept.
     */
    static Instant healthySince(List<HealthStateLog> log) {
        if (log == null || log.isEmpty()) {
            return null;
        }
        int lastFailing = -1;
        for (int i = 0; i < log.size(); i++) {
            Integer exit = log.get(i).getExitCode();
            if (exit == null || exit != 0) {
                lastFailing = i;
            }
        }
        if (lastFailing == log.size() - 1) {
            return null;
        }
        if (lastFailing < 0 && log.size() >= DOCKER_HEALTH_LOG_LENGTH) {
            return null;
        }
        return instantOrNull(log.get(lastFailing + 1).getEnd());
    }

    /** Docker keeps this many health check results per container. */
    static final int DOCKER_HEALTH_LOG_LENGTH = 5;

    private static Instant instant(String text) {
        Instant at = instantOrNull(text);
        if (at == null) {
            throw new IllegalStateException("Docker gave no start time: " + text);
        }
        return at;
    }

    private static Instant instantOrNull(String text) {
        if (text == null || text.isBlank() || text.startsWith("0001-")) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
