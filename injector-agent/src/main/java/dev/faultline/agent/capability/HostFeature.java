package dev.faultline.agent.capability;

/**
 * Something a fault executor needs from its host. The wire name is the key in the heartbeat's
 * {@code capabilities.features}.
 */
public enum HostFeature {
    /** The Docker engine answers (its API version is the detail). */
    DOCKER("docker"),
    /** {@code nsenter}, to run tools inside a container's namespaces. */
    NSENTER("nsenter"),
    /** iptables with the {@code statistic} and {@code comment} matches. */
    IPTABLES("iptables"),
    /** The {@code tbf} queueing discipline of tc. */
    TC_TBF("tc-tbf"),
    /** The {@code netem} queueing discipline (delay, jitter, loss): missing from some kernels. */
    NETEM("netem"),
    /** The stress-ng binary. */
    STRESS_NG("stress-ng"),
    /** cgroups the agent can read and move processes into (v1, v2 or hybrid). */
    CGROUPS("cgroups"),
    /** {@code fallocate}, to take disk space without writing it. */
    FALLOCATE("fallocate"),
    /** The agent is configured for the ECS API ({@code faultline.agent.ecs.enabled}). */
    ECS_API("ecs-api"),
    /**
     * The ECS agent's fault-injection endpoints answer this agent: it runs in an ECS task
     * ({@code ECS_AGENT_URI} is set) whose definition enables fault injection.
     */
    ECS_FAULT_INJECTION("ecs-fault-injection");

    private final String wireName;

    HostFeature(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
