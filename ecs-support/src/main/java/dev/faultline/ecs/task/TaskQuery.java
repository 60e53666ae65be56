package dev.faultline.ecs.task;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which tasks of a cluster to find. ListTasks filters by one service or one family on the server; the rest (the
 * other of the two, tags) is matched on DescribeTasks' answer, which includes the tags.
 *
 * @param cluster a cluster name or ARN
 * @param tags    every one of these must be on the task with this value
 */
public record TaskQuery(String cluster, Optional<String> service, Optional<String> family, Map<String, String> tags) {

    public TaskQuery {
        Objects.requireNonNull(cluster, "cluster");
        if (cluster.isBlank()) {
            throw new IllegalArgumentException("a task query needs a cluster");
        }
        service = service == null ? Optional.empty() : service.filter(s -> !s.isBlank());
        family = family == null ? Optional.empty() : family.filter(s -> !s.isBlank());
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static TaskQuery ofService(String cluster, String service) {
        return new TaskQuery(cluster, Optional.of(service), Optional.empty(), Map.of());
    }

    /** Whether a described task meets the parts ListTasks could not filter on. */
    public boolean matches(EcsTask task) {
        if (service.isPresent() && !service.equals(task.serviceName())) {
            return false;
        }
        if (family.isPresent() && !family.get().equals(task.family())) {
            return false;
        }
        return tags.entrySet().stream().allMatch(t -> t.getValue().equals(task.tags().get(t.getKey())));
    }
}
