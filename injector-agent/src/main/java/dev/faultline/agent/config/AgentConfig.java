package dev.faultline.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The agent's settings, {@code faultline.agent.*}. The id defaults to the host name through
 * {@link AgentIdDefaultSource}, because the Kafka consumer group name is built from it in
 * {@code application.properties} and so must exist as a configuration value, not only as a Java default.
 */
@ConfigMapping(prefix = "faultline.agent")
public interface AgentConfig {

    /** This agent's id: commands keyed with it (or the broadcast key) are the ones it obeys. */
    String id();

    /** How often the agent announces itself and its inventory. */
    @WithDefault("2s")
    Duration heartbeatInterval();

    /** Where the Docker engine listens. */
    @WithDefault("unix:///var/run/docker.sock")
    String dockerHost();

    /**
     * Where the ledger of lasting faults lives: one JSON file per fault in effect. Default
     * {@code .faultline/agent-ledger/<id>} under the working directory; on a host install set it to
     * {@code /var/lib/faultline/agent-ledger/<id>} (it must survive the agent, not necessarily a reboot).
     */
    Optional<String> ledgerDir();

    /** The longest a lasting fault may stay; a longer one is refused, and one without a duration ends then. */
    @WithDefault("10m")
    Duration maxFaultDuration();

    /** How many lasting faults may be in effect on this host at once (the agent's own blast-radius cap). */
    @WithDefault("20")
    int maxActiveFaults();

    /**
     * How long after a fault's duration (a one-shot fault: after its injection) the agent keeps following the
     * target's container events for {@code target-state-changed}: the observation after the fault.
     */
    @WithDefault("120s")
    Duration platformWatchAfter();

    /**
     * Besides the {@code faultline.enabled=true} label: containers this host opts in as a whole
     * ({@code faultline.agent.opt-in.*}); see {@code OptInPolicy}.
     */
    OptIn optIn();

    /** The agent's own container id when it runs in one; detected from /proc/self when absent. */
    Optional<String> containerId();

    /** Amazon ECS: on a container instance, or as a sidecar in a task; off by default (docs/ecs.md). */
    Ecs ecs();

    /** The host's allow-list; both empty by default, so only the label opts a container in. */
    interface OptIn {

        /** Compose projects ({@code com.docker.compose.project}) whose every container is opted in. */
        Optional<List<String>> composeProjects();

        /** Labels, {@code key=value}, that opt a container in. */
        Optional<List<String>> labels();
    }

    /** {@code faultline.agent.ecs.*}. */
    interface Ecs {

        /**
         * Whether the agent uses the ECS API: {@code ecs-stop-task}, and the service of each ECS task container in
         * its inventory (DescribeTasks). Credentials and region come the usual AWS way (the task or instance role).
         */
        @WithDefault("false")
        boolean enabled();

        /** Where the ECS API is, instead of AWS's endpoint for the region: for tests only. */
        Optional<String> endpoint();

        /** The region; without it the SDK's default region chain ({@code AWS_REGION}, profile, instance metadata). */
        Optional<String> region();

        /**
         * Whether the agent runs as a sidecar in an ECS task (Fargate): its targets are the task's containers, from
         * the task metadata endpoint, and its faults the {@code ecs-task-*} types of the ECS agent's
         * fault-injection endpoints. Docker is not used.
         */
        @WithDefault("false")
        boolean taskSidecar();
    }
}
