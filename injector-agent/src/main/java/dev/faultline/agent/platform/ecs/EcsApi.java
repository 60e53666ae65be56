package dev.faultline.agent.platform.ecs;

import dev.faultline.agent.config.AgentConfig;
import dev.faultline.ecs.AwsClients;
import dev.faultline.ecs.task.EcsTasks;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The agent's ECS API client, built on first use and only when {@code faultline.agent.ecs.enabled}: an agent on a
 * plain Docker host never looks for AWS credentials.
 */
@ApplicationScoped
public class EcsApi {

    private final boolean enabled;
    private final AwsClients.Settings settings;
    private EcsClient client;

    @Inject
    public EcsApi(AgentConfig config) {
        this(config.ecs().enabled(), new AwsClients.Settings(config.ecs().endpoint().map(URI::create),
                config.ecs().region()));
    }

    public EcsApi(boolean enabled, AwsClients.Settings settings) {
        this.enabled = enabled;
        this.settings = settings;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Where the client goes, for messages. */
    public String where() {
        return settings.where();
    }

    /** The task calls, or empty when the agent is not configured for ECS. */
    public synchronized Optional<EcsTasks> tasks() {
        if (!enabled) {
            return Optional.empty();
        }
        if (client == null) {
            client = AwsClients.ecs(settings);
        }
        return Optional.of(new EcsTasks(client));
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
