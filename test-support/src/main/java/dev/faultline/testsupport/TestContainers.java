package dev.faultline.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Containers that a test creates: always labelled {@code faultline.test=true}, remembered, and removed by
 * {@link #close()} (use try-with-resources or an {@code @AfterEach}) whether the test passed or not.
 */
public final class TestContainers implements AutoCloseable {

    public static final String TEST_LABEL = "faultline.test";
    /** The demo target image that {@code ./faultline up} builds: an HTTP server answering 200 on /health. */
    public static final String DEMO_TARGET_IMAGE = "faultline/demo-target:local";
    public static final int DEMO_TARGET_PORT = 8080;

    private final DockerClient docker;
    private final List<String> created = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();

    public TestContainers() {
        TestInfrastructure.requireDocker();
        this.docker = dockerClient();
    }

    public static DockerClient dockerClient() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix://" + TestInfrastructure.DOCKER_SOCKET).build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    public DockerClient docker() {
        return docker;
    }

    /**
     * Starts the demo target, opted in to Faultline, with restart policy {@code always}, its port published on
     * 127.0.0.1 at a free port chosen here. The port is fixed rather than left to Docker because Docker may pick a
     * different one when the restart policy restarts the container.
     *
     * @return the running container
     */
    public Started startDemoTarget(String namePrefix, Map<String, String> extraLabels) {
        Map<String, String> labels = new HashMap<>(extraLabels);
        labels.put("faultline.enabled", "true");
        String name = namePrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        ExposedPort port = ExposedPort.tcp(DEMO_TARGET_PORT);
        Ports bindings = new Ports();
        int hostPort = freePort();
        bindings.bind(port, Ports.Binding.bindIpAndPort("127.0.0.1", hostPort));
        CreateContainerCmd create = docker.createContainerCmd(DEMO_TARGET_IMAGE)
                .withName(name)
                .withExposedPorts(port)
                .withHostConfig(HostConfig.newHostConfig()
                        .withPortBindings(bindings)
                        .withRestartPolicy(RestartPolicy.alwaysRestart()));
        String id = create(create, labels);
        docker.startContainerCmd(id).exec();
        return new Started(id, name, hostPort);
    }

    /** A TCP port on 127.0.0.1 that nothing listens on right now. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }

    /** Creates (does not start) a container with the test label added to {@code labels}. */
    public String create(CreateContainerCmd cmd, Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(TEST_LABEL, "true");
        String id = cmd.withLabels(all).exec().getId();
        created.add(id);
        return id;
    }

    /**
     * Creates a bridge network labelled like the containers, on which containers find each other by name or alias
     * (Docker's embedded DNS, which keeps working when a restart policy restarts a container under a new address).
     * Removed by {@link #close()} after the containers.
     *
     * @return the network's name
     */
    public String network(String namePrefix) {
        String name = namePrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        networks.add(docker.createNetworkCmd().withName(name).withDriver("bridge")
                .withLabels(Map.of(TEST_LABEL, "true")).exec().getId());
        return name;
    }

    /** Removes every container and network this instance created; one already gone is fine. */
    @Override
    public void close() {
        for (String id : created) {
            try {
                docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException alreadyGone) {
                // nothing left to clean
            }
        }
        created.clear();
        for (String id : networks) {
            try {
                docker.removeNetworkCmd(id).exec();
            } catch (NotFoundException alreadyGone) {
                // nothing left to clean
            }
        }
        networks.clear();
    }

    public record Started(String id, String name, int hostPort) {
        public String url(String path) {
            return "http://127.0.0.1:" + hostPort + path;
        }
    }
}
