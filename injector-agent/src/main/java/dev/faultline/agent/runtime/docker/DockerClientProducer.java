package dev.faultline.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.faultline.agent.config.AgentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import org.jboss.logging.Logger;

/** The Docker client, built once from {@code faultline.agent.docker-host}. */
@ApplicationScoped
public class DockerClientProducer {

    private static final Logger LOG = Logger.getLogger(DockerClientProducer.class);

    @Produces
    @Singleton
    DockerClient dockerClient(AgentConfig config) {
        return create(config.dockerHost());
    }

    /** Short timeouts: every call the agent makes is quick, and a hung engine must not hang a heartbeat. */
    public static DockerClient create(String dockerHost) {
        return create(dockerHost, Duration.ofSeconds(15));
    }

    /** A client for calls that wait on the container, such as a stop with a grace period. */
    public static DockerClient create(String dockerHost, Duration responseTimeout) {
        DefaultDockerClientConfig clientConfig = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(clientConfig.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(3))
                .responseTimeout(responseTimeout)
                .build();
        return DockerClientImpl.getInstance(clientConfig, http);
    }

    void close(@Disposes DockerClient client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.debugf("closing the Docker client: %s", e.getMessage());
        }
    }
}
