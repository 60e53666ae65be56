package dev.faultline.agent.capability;

import dev.faultline.agent.platform.ecs.EcsApi;
import dev.faultline.agent.platform.ecs.TaskFaultInjection;
import dev.faultline.agent.process.ProcessFailedException;
import dev.faultline.agent.process.ProcessResult;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.runtime.cgroup.ContainerCgroups;
import dev.faultline.agent.runtime.docker.RuntimeVersion;
import dev.faultline.common.capability.Capability;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Measures each {@link HostFeature} on this host, by trying it. */
@ApplicationScoped
public class HostProbe {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final ProcessRunner runner;
    private final ContainerCgroups cgroups;
    private final RuntimeVersion runtime;
    private final EcsApi ecs;
    private final TaskFaultInjection taskFaults;

    @Inject
    public HostProbe(ProcessRunner runner, ContainerCgroups cgroups, RuntimeVersion runtime, EcsApi ecs,
            TaskFaultInjection taskFaults) {
        this.runner = runner;
        this.cgroups = cgroups;
        this.runtime = runtime;
        this.ecs = ecs;
        this.taskFaults = taskFaults;
    }

    public Map<HostFeature, Capability> probe() {
        Map<HostFeature, Capability> found = new EnumMap<>(HostFeature.class);
        found.put(HostFeature.DOCKER, docker());
        found.put(HostFeature.NSENTER, tool(ProbeCommands.version("nsenter"), "nsenter"));
        found.put(HostFeature.IPTABLES, tool(ProbeCommands.iptables(),
                "iptables with the statistic and comment matches"));
        found.put(HostFeature.TC_TBF, tool(ProbeCommands.tbf(), "tc qdisc tbf"));
        found.put(HostFeature.NETEM, netem());
        found.put(HostFeature.STRESS_NG, tool(ProbeCommands.version("stress-ng"), "stress-ng"));
        found.put(HostFeature.CGROUPS, cgroups());
        found.put(HostFeature.FALLOCATE, tool(ProbeCommands.version("fallocate"), "fallocate"));
        found.put(HostFeature.ECS_API, ecsApi());
        found.put(HostFeature.ECS_FAULT_INJECTION, taskFaults.probe());
        return found;
    }

    /** The Docker API version, or null when the engine does not answer. */
    public String dockerApiVersion() {
        try {
            return runtime.apiVersion();
        } catch (RuntimeException e) {
            return null;
        }
    }

    public String cgroupVersion() {
        try {
            return cgroups.version();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private Capability docker() {
        String version = dockerApiVersion();
        return version == null ? Capability.missing("the Docker engine does not answer")
                : Capability.available("Docker API " + version);
    }

    /**
     * Configured, not called: which cluster to ask is known only from a task's labels, and the first StopTask or
     * DescribeTasks shows whether the credentials allow it (its error is the fault's).
     */
    private Capability ecsApi() {
        return ecs.enabled() ? Capability.available("ECS API at " + ecs.where())
                : Capability.missing("this agent is not configured for ECS (faultline.agent.ecs.enabled=true)");
    }

    private Capability netem() {
        try {
            runner.run(ProbeCommands.netem(), PROBE_TIMEOUT);
            return Capability.available("tc qdisc netem");
        } catch (ProcessFailedException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("qdisc kind is unknown")) {
                return Capability.missing("this kernel has no sch_netem");
            }
            return Capability.missing("tc qdisc netem does not work here: " + firstLine(message));
        }
    }

    private Capability cgroups() {
        try {
            String version = cgroups.version();
            if (version.equals("none")) {
                return Capability.missing("no cgroup hierarchy is mounted");
            }
            cgroups.groupsOf(ProcessHandle.current().pid());
            return Capability.available("cgroup " + version);
        } catch (RuntimeException e) {
            return Capability.missing("cannot read cgroups: " + e.getMessage());
        }
    }

    private Capability tool(List<String> command, String what) {
        try {
            ProcessResult result = runner.run(command, PROBE_TIMEOUT);
            String version = firstLine(result.stdout());
            return Capability.available(version.isEmpty() ? what : version);
        } catch (ProcessFailedException e) {
            return Capability.missing(what + " does not work here: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String text) {
        String stripped = text == null ? "" : text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }
}
