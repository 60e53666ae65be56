package dev.faultline.observer.service;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.quarkus.arc.DefaultBean;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The observer's service sampler with the Docker engine's Compose and Swarm sources. The Docker client is created on
 * the first sample, so an observer without Docker runs every experiment that targets no service.
 */
@ApplicationScoped
public class ServiceSamplerProducer {

    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "faultline-service-sampler");
        t.setDaemon(true);
        return t;
    });
    private final String dockerHost;
    private DockerClient client; // guarded by this

    public ServiceSamplerProducer(
            @ConfigProperty(name = "faultline.docker.host", defaultValue = "unix:///var/run/docker.sock")
            String dockerHost) {
        this.dockerHost = dockerHost;
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    ServiceSampler sampler(Clock clock) {
        return new ServiceSampler(clock, List.of(new ComposeServiceSource(this::docker),
                new SwarmServiceSource(this::docker)), threads);
    }

    private synchronized DockerClient docker() {
        if (client == null) {
            DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost(dockerHost).build();
            client = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .connectionTimeout(Duration.ofSeconds(2))
                    .responseTimeout(Duration.ofSeconds(5))
                    .build());
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        threads.shutdownNow();
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // shutting down anyway
            }
        }
    }
}
