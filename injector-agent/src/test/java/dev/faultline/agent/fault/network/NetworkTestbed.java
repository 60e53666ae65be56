package dev.faultline.agent.fault.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.runtime.docker.DockerClientProducer;
import dev.faultline.agent.runtime.docker.DockerContainerAddresses;
import dev.faultline.common.target.TargetRef;
import dev.faultline.testsupport.TestContainers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Demo-target containers on a Docker network of their own (so that names resolve through Docker's embedded DNS),
 * the agent's real network plumbing, and the checks every network fault IT makes. Everything it creates carries
 * {@code faultline.test=true} and goes in {@link #close()}.
 */
final class NetworkTestbed implements AutoCloseable {

    final TestContainers containers = new TestContainers();
    final DockerClient docker = containers.docker();
    final TargetNetwork network = new TargetNetwork(new ProcessRunner());
    final PeerAddresses peers = new PeerAddresses(
            new DockerContainerAddresses(DockerClientProducer.create("unix:///var/run/docker.sock")));
    private final String networkName = "faultline-it-net-" + UUID.randomUUID().toString().substring(0, 8);
    private final String networkId;

    NetworkTestbed() {
        networkId = docker.createNetworkCmd().withName(networkName)
                .withLabels(Map.of(TestContainers.TEST_LABEL, "true")).exec().getId();
    }

    /** A running demo target (httpd on 8080) on the testbed's network, its port published on 127.0.0.1. */
    Node start(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        ExposedPort port = ExposedPort.tcp(TestContainers.DEMO_TARGET_PORT);
        Ports bindings = new Ports();
        int hostPort = TestContainers.freePort();
        bindings.bind(port, Ports.Binding.bindIpAndPort("127.0.0.1", hostPort));
        String id = containers.create(docker.createContainerCmd(TestContainers.DEMO_TARGET_IMAGE)
                .withName(name)
                .withExposedPorts(port)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(networkName).withPortBindings(bindings)),
                Map.of("faultline.enabled", "true"));
        docker.startContainerCmd(id).exec();
        var inspected = docker.inspectContainerCmd(id).exec();
        String ip = inspected.getNetworkSettings().getNetworks().get(networkName).getIpAddress();
        Node node = new Node(id, name, hostPort, ip, inspected.getState().getPidLong());
        awaitServing(node);
        return node;
    }

    /** httpd listens a moment after the container starts; tests must not mistake that for a fault. */
    private void awaitServing(Node node) {
        await(node.name() + " serves /health").atMost(Duration.ofSeconds(10)).until(() ->
                exec(node, 5, "timeout", "1", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health").ok());
    }

    Target target(Node node, String faultId) {
        return new Target(new TargetRef("it-agent", node.id(), node.name()), node.id(), node.name(), node.pid(),
                faultId);
    }

    /** Runs a command inside a container with {@code docker exec}; bounded by {@code timeoutSeconds}. */
    Exec exec(Node node, int timeoutSeconds, String... command) {
        List<String> args = new ArrayList<>(List.of("docker", "exec", node.id()));
        args.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            long started = System.nanoTime();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
                return new Exec(-1, "timed out after " + timeoutSeconds + " s", System.nanoTime() - started);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Exec(process.exitValue(), output, System.nanoTime() - started);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run docker exec", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * {@code wget} of {@code url} from inside {@code from}, killed after 2 s (this busybox's own {@code wget -T}
     * crashes).
     */
    Exec httpGet(Node from, String url) {
        return exec(from, 10, "timeout", "2", "wget", "-q", "-O", "/dev/null", url);
    }

    /** What the target's namespace holds now, for {@link #assertNothingLeft}. */
    Snapshot snapshot(Target target) {
        return new Snapshot(normalise(network.iptablesSave(target)), network.qdiscs(target, null));
    }

    /** After revert: iptables rules and qdiscs are exactly as before the fault, and nothing is tagged Faultline. */
    void assertNothingLeft(Target target, Snapshot before) {
        String rules = network.iptablesSave(target);
        String qdiscs = network.qdiscs(target, null);
        assertThat(rules).as("iptables-save in the target's namespace after revert")
                .doesNotContainIgnoringCase("faultline");
        assertThat(normalise(rules)).as("iptables rules after revert").isEqualTo(before.rules());
        assertThat(qdiscs).as("tc qdisc show after revert").isEqualTo(before.qdiscs()).doesNotContain("tbf");
    }

    /**
     * The rules and user chains of iptables-save, each prefixed with its table, without timestamps and counters.
     * Built-in chains with policy ACCEPT and no rules are left out: iptables-nft creates a table with them on first
     * use, and an empty accepting chain filters nothing.
     */
    static String normalise(String save) {
        StringBuilder out = new StringBuilder();
        String table = "";
        for (String line : save.lines().toList()) {
            if (line.startsWith("*")) {
                table = line.substring(1);
            } else if (line.startsWith("-A ")
                    || line.startsWith(":") && !line.matches(":(INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING) ACCEPT.*")) {
                out.append(table).append(' ').append(line.replaceAll("\\[\\d+:\\d+]", "[]")).append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        try {
            containers.close();
        } finally {
            docker.removeNetworkCmd(networkId).exec();
        }
    }

    record Node(String id, String name, int hostPort, String ip, long pid) {
        String url(String path) {
            return "http://" + ip + ":" + TestContainers.DEMO_TARGET_PORT + path;
        }

        String publishedUrl(String path) {
            return "http://127.0.0.1:" + hostPort + path;
        }
    }

    record Exec(int exitCode, String output, long nanos) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    record Snapshot(String rules, String qdiscs) {
    }
}
