package dev.faultline.agent.capability;

import dev.faultline.agent.config.AgentConfig;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.FaultExecutorRegistry;
import dev.faultline.common.capability.AgentCapabilities;
import dev.faultline.common.capability.Capability;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What this agent can do, measured once (the host does not change under a running agent; the Docker version is
 * measured again while the engine has not answered, unless the agent is an ECS task's sidecar, which has no engine)
 * and reported in every heartbeat and by {@code GET /api/v1/faults}.
 */
@ApplicationScoped
public class CapabilityReport {

    private final FaultExecutorRegistry executors;
    private final Supplier<Map<HostFeature, Capability>> probe;
    private final Supplier<String> dockerVersion;
    private final Supplier<String> cgroupVersion;
    private final boolean taskSidecar;
    private volatile AgentCapabilities measured;

    @Inject
    public CapabilityReport(FaultExecutorRegistry executors, HostProbe probe, AgentConfig config) {
        this(executors, probe::probe, probe::dockerApiVersion, probe::cgroupVersion, config.ecs().taskSidecar());
    }

    public CapabilityReport(FaultExecutorRegistry executors, HostProbe probe) {
        this(executors, probe::probe, probe::dockerApiVersion, probe::cgroupVersion, false);
    }

    public CapabilityReport(FaultExecutorRegistry executors, Supplier<Map<HostFeature, Capability>> probe,
            Supplier<String> dockerVersion, Supplier<String> cgroupVersion) {
        this(executors, probe, dockerVersion, cgroupVersion, false);
    }

    /**
     * @param taskSidecar the agent runs as a sidecar in an ECS task: no Docker to wait for, and only the fault
     *                    types that act through ECS are supported (the others act on the host or the Docker
     *                    engine, which a task does not reach)
     */
    public CapabilityReport(FaultExecutorRegistry executors, Supplier<Map<HostFeature, Capability>> probe,
            Supplier<String> dockerVersion, Supplier<String> cgroupVersion, boolean taskSidecar) {
        this.taskSidecar = taskSidecar;
        this.executors = executors;
        this.probe = probe;
        this.dockerVersion = dockerVersion;
        this.cgroupVersion = cgroupVersion;
    }

    public AgentCapabilities current() {
        AgentCapabilities snapshot = measured;
        if (snapshot == null || (snapshot.dockerApiVersion() == null && !taskSidecar)) {
            synchronized (this) {
                snapshot = measured;
                if (snapshot == null || (snapshot.dockerApiVersion() == null && !taskSidecar)) {
                    snapshot = measure();
                    measured = snapshot;
                }
            }
        }
        return snapshot;
    }

    /** Whether this agent can run {@code type} here, and why not. */
    public Capability fault(String type) {
        return Optional.ofNullable(current().faults().get(type))
                .orElse(Capability.missing("fault type " + type + " is unknown to this agent"));
    }

    private AgentCapabilities measure() {
        Map<HostFeature, Capability> features = probe.get();
        Map<String, Capability> featuresByName = new LinkedHashMap<>();
        features.forEach((feature, capability) -> featuresByName.put(feature.wireName(), capability));
        Map<String, Capability> faults = new LinkedHashMap<>();
        for (String type : FaultExecutorRegistry.knownTypes()) {
            faults.put(type, support(type, features));
        }
        return new AgentCapabilities(dockerVersion.get(), cgroupVersion.get(), featuresByName, faults);
    }

    private Capability support(String type, Map<HostFeature, Capability> features) {
        Optional<FaultExecutor<?>> executor = executors.forType(type);
        if (executor.isEmpty()) {
            return Capability.missing("this agent has no executor for " + type);
        }
        Set<HostFeature> needs = executor.get().requires();
        if (taskSidecar && !needs.contains(HostFeature.ECS_FAULT_INJECTION) && !needs.contains(HostFeature.ECS_API)) {
            return Capability.missing("this agent runs as a sidecar in an ECS task"
                    + " (faultline.agent.ecs.task-sidecar): only the ECS faults (ecs-stop-task through the ECS API,"
                    + " the ecs-task-* faults of the ECS agent's fault-injection endpoints) work from there");
        }
        List<String> missing = executor.get().requires().stream()
                .sorted()
                .map(feature -> Map.entry(feature, features.getOrDefault(feature,
                        Capability.missing(feature.wireName() + " was not probed"))))
                .filter(entry -> !entry.getValue().available())
                .map(entry -> entry.getValue().detail())
                .toList();
        return missing.isEmpty() ? Capability.available("supported")
                : Capability.missing(String.join("; ", missing));
    }
}
