package dev.faultline.observer.service;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.faultline.ecs.AwsClients;
import dev.faultline.ecs.service.EcsServices;
import dev.faultline.ecs.task.EcsTasks;
import io.quarkus.arc.DefaultBean;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The observer's service sampler with the Docker engine's Compose and Swarm sources and the ECS API's source. Each
 * client is created on its kind's first sample, so an observer without Docker or AWS access runs every experiment
 * that targets no such service.
 */
@ApplicationScoped
public class ServiceSamplerProducer {

    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "faultline-service-sampler");
        t.setDaemon(true);
        return t;
    });
    private final String dockerHost;
    private final AwsClients.Settings aws;
    private DockerClient client; // guarded by this
    private EcsClient ecs; // guarded by this
    private ElasticLoadBalancingV2Client elb; // guarded by this

    public ServiceSamplerProducer(
            @ConfigProperty(name = "faultline.docker.host", defaultValue = "unix:///var/run/docker.sock")
            String dockerHost,
            @ConfigProperty(name = "faultline.ecs.endpoint") Optional<URI> ecsEndpoint,
            @ConfigProperty(name = "faultline.ecs.region") Optional<String> ecsRegion) {
        this.dockerHost = dockerHost;
        this.aws = new AwsClients.Settings(ecsEndpoint, ecsRegion);
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    ServiceSampler sampler(Clock clock) {
        return new ServiceSampler(clock, List.of(new ComposeServiceSource(this::docker),
                new SwarmServiceSource(this::docker),
                new EcsServiceSource(() -> new EcsServices(ecs(), elb(), clock), () -> new EcsTasks(ecs()))), threads);
    }

    private synchronized EcsClient ecs() {
        if (ecs == null) {
            ecs = AwsClients.ecs(aws);
        }
        return ecs;
    }

    private synchronized ElasticLoadBalancingV2Client elb() {
        if (elb == null) {
            elb = AwsClients.elb(aws);
        }
        return elb;
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
        if (ecs != null) {
            ecs.close();
        }
        if (elb != null) {
            elb.close();
        }
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // shutting down anyway
            }
        }
    }
}
