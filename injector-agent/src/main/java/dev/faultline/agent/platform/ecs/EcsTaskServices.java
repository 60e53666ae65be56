package dev.faultline.agent.platform.ecs;

import dev.faultline.common.target.ContainerInfo;
import dev.faultline.common.target.EcsTaskInfo;
import dev.faultline.ecs.task.EcsTask;
import dev.faultline.ecs.task.EcsTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Adds the ECS service to the inventory's ECS task containers: the ECS agent's labels name the task, its family and
 * cluster but not the service, which DescribeTasks gives (the task's group). A task never changes service, so each
 * task is described once and remembered (a bounded cache); a heartbeat asks only about tasks it has not seen.
 * Without the ECS API configured, or when ECS does not answer, the inventory goes out without the services: a
 * heartbeat is never held up by AWS.
 */
@ApplicationScoped
public class EcsTaskServices {

    private static final Logger LOG = Logger.getLogger(EcsTaskServices.class);
    static final int MAX_REMEMBERED = 4096;
    static final Duration WARNING_EVERY = Duration.ofMinutes(1);

    private final EcsApi ecs;
    private final Clock clock;
    /** Task ARN to its service, empty for a task no service started. */
    private final Map<String, Optional<String>> serviceByTask = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private Instant lastWarning;

    @Inject
    public EcsTaskServices(EcsApi ecs, Clock clock) {
        this.ecs = ecs;
        this.clock = clock;
    }

    public synchronized List<ContainerInfo> withServices(List<ContainerInfo> containers) {
        Optional<EcsTasks> tasks = ecs.tasks();
        if (tasks.isEmpty()) {
            return containers;
        }
        Map<String, List<String>> unknownByCluster = new TreeMap<>();
        for (ContainerInfo c : containers) {
            EcsTaskInfo task = c.ecsTask();
            if (task != null && task.service() == null && !serviceByTask.containsKey(task.taskArn())) {
                List<String> arns = unknownByCluster.computeIfAbsent(task.cluster(), k -> new ArrayList<>());
                if (!arns.contains(task.taskArn())) {
                    arns.add(task.taskArn());
                }
            }
        }
        unknownByCluster.forEach((cluster, arns) -> describe(tasks.get(), cluster, arns));
        return containers.stream().map(this::withService).toList();
    }

    private void describe(EcsTasks tasks, String cluster, List<String> arns) {
        try {
            List<EcsTask> described = tasks.describeAll(cluster, arns);
            for (EcsTask task : described) {
                serviceByTask.put(task.taskArn(), task.serviceName());
            }
        } catch (RuntimeException e) {
            Instant now = clock.instant();
            if (lastWarning == null || Duration.between(lastWarning, now).compareTo(WARNING_EVERY) >= 0) {
                lastWarning = now;
                LOG.warnf("cannot read the services of %d ECS task(s) of cluster %s at %s (%s); the inventory goes"
                        + " out without them", arns.size(), cluster, ecs.where(), e.getMessage());
            }
        }
    }

    private ContainerInfo withService(ContainerInfo c) {
        EcsTaskInfo task = c.ecsTask();
        if (task == null || task.service() != null) {
            return c;
        }
        Optional<String> service = serviceByTask.getOrDefault(task.taskArn(), Optional.empty());
        return service.map(s -> c.withEcsTask(task.withService(s))).orElse(c);
    }
}
