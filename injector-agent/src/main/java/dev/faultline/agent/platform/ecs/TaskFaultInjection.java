package dev.faultline.agent.platform.ecs;

import dev.faultline.common.capability.Capability;
import dev.faultline.ecs.fargate.FaultEndpointException;
import dev.faultline.ecs.fargate.FaultInjectionEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * The ECS agent's fault-injection endpoints as this agent reaches them: present only when it runs in an ECS task
 * ({@code ECS_AGENT_URI} set by the ECS agent), usable only when the task definition sets
 * {@code enableFaultInjection}. One endpoint client per process, so that its 5 s spacing per endpoint holds for
 * every fault of the task.
 */
@ApplicationScoped
public class TaskFaultInjection {

    /** The endpoint the probe asks: a status call changes nothing. */
    static final String PROBED_KIND = "network-latency";

    private final Optional<FaultInjectionEndpoint> endpoint;

    @Inject
    public TaskFaultInjection(Clock clock) {
        this(FaultInjectionEndpoint.fromEnvironment(System.getenv(), clock));
    }

    public TaskFaultInjection(Optional<FaultInjectionEndpoint> endpoint) {
        this.endpoint = endpoint;
    }

    public Optional<FaultInjectionEndpoint> endpoint() {
        return endpoint;
    }

    /**
     * Whether the endpoints answer, by asking one for its status: the ECS agent refuses a task without fault
     * injection, and that refusal (its own words) is the reason reported.
     */
    public Capability probe() {
        if (endpoint.isEmpty()) {
            return Capability.missing(FaultInjectionEndpoint.AGENT_URI_ENV + " is not set: this agent is not in an"
                    + " ECS task (run it as a sidecar in the target task, docs/ecs.md)");
        }
        try {
            String status = endpoint.get().status(PROBED_KIND);
            return Capability.available("ECS agent fault injection at " + endpoint.get().agentUri() + " ("
                    + PROBED_KIND + " " + status + ")");
        } catch (FaultEndpointException e) {
            return Capability.missing("the ECS agent's fault-injection endpoint refused this task: " + e.getMessage()
                    + "; the task definition needs \"enableFaultInjection\": true, awsvpc or host network mode and"
                    + " ECS agent 1.88.0 or later");
        }
    }
}
