package dev.faultline.agent.testing;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.process.HostProcesses;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.runtime.cgroup.ContainerCgroups;
import dev.faultline.agent.runtime.docker.DockerClientProducer;
import dev.faultline.agent.runtime.docker.DockerRuntime;
import dev.faultline.common.target.TargetRef;
import dev.faultline.testsupport.TestContainers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real Docker engine and /proc of this host, for executor ITs: demo targets (busybox httpd, labelled and
 * removed by {@link #close()}), their cgroups and processes as the host sees them.
 */
public final class RealHost implements AutoCloseable {

    public final TestContainers containers = new TestContainers();
    public final DockerRuntime runtime = new DockerRuntime(DockerClientProducer.create("unix:///var/run/docker.sock"));
    public final ProcessRunner runner = new ProcessRunner();
    public final HostProcesses processes = new HostProcesses();
    public final ContainerCgroups cgroups = new ContainerCgroups();

    /** Starts an opted-in demo target with {@code hostConfig} (limits, restart policy) and returns it as a target. */
    public Target start(String prefix, HostConfig hostConfig) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String id = containers.create(containers.docker().createContainerCmd(TestContainers.DEMO_TARGET_IMAGE)
                .withName(name).withHostConfig(hostConfig), Map.of("faultline.enabled", "true"));
        containers.docker().startContainerCmd(id).exec();
        return target(id);
    }

    /** The container as the agent would target it now (its current main pid). */
    public Target target(String containerId) {
        return runtime.find(containerId)
                .map(c -> Target.of(new TargetRef("it-agent", c.id(), c.name()), c, "it-fault-" + c.id().substring(0, 12)))
                .orElseThrow(() -> new IllegalStateException("no container " + containerId));
    }

    public InspectContainerResponse inspect(String containerId) {
        return containers.docker().inspectContainerCmd(containerId).exec();
    }

    /** Runs a command in the container (docker exec) and returns its stdout. */
    public String exec(String containerId, String... command) {
        List<String> args = new java.util.ArrayList<>(List.of("docker", "exec", containerId));
        args.addAll(List.of(command));
        return runner.run(args, Duration.ofSeconds(10)).stdout();
    }

    /** Starts a command in the background inside the container (docker exec -d). */
    public void execDetached(String containerId, String... command) {
        List<String> args = new java.util.ArrayList<>(List.of("docker", "exec", "-d", containerId));
        args.addAll(List.of(command));
        runner.run(args, Duration.ofSeconds(10));
    }

    /** A file of the container's cgroup on one hierarchy, e.g. ("memory", "memory.usage_in_bytes"). */
    public long cgroupValue(long containerPid, String hierarchy, String file) throws Exception {
        Path dir = cgroups.groupsOf(containerPid).stream().filter(g -> g.name().equals(hierarchy)).findFirst()
                .orElseThrow().directory();
        return Long.parseLong(Files.readString(dir.resolve(file)).strip());
    }

    @Override
    public void close() {
        containers.close();
    }
}
