package dev.faultline.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

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
}
