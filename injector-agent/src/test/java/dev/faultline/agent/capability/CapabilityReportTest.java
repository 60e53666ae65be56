package dev.faultline.agent.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.fault.FaultExecutorRegistry;
import dev.faultline.agent.fault.resource.CpuStressExecutor;
import dev.faultline.agent.fault.resource.StressLauncher;
import dev.faultline.agent.platform.ecs.EcsTaskNetworkLatencyExecutor;
import dev.faultline.agent.platform.ecs.TaskFaultInjection;
import dev.faultline.common.capability.AgentCapabilities;
import dev.faultline.common.capability.Capability;
import dev.faultline.common.fault.FaultSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CapabilityReportTest {

    private final AtomicInteger probes = new AtomicInteger();

    @Test
    void everyTypeOfTheContractIsReportedWithTheReasonItCannotRun() {
        CapabilityReport report = report(Map.of(
                HostFeature.STRESS_NG, Capability.missing("stress-ng does not work here: not installed"),
                HostFeature.CGROUPS, Capability.available("cgroup v1")), "1.41");

        AgentCapabilities capabilities = report.current();

        assertThat(capabilities.faults().keySet()).containsExactlyInAnyOrderElementsOf(FaultSpec.knownTypes());
        assertThat(capabilities.faults().get("cpu-stress"))
                .isEqualTo(Capability.missing("stress-ng does not work here: not installed"));
        assertThat(capabilities.faults().get("container-kill"))
                .isEqualTo(Capability.missing("this agent has no executor for container-kill"));
        assertThat(capabilities.features()).containsKeys("stress-ng", "cgroups");
        assertThat(capabilities.dockerApiVersion()).isEqualTo("1.41");
        assertThat(report.fault("no-such-type").available()).isFalse();
    }

    @Test
    void aHostWithEverythingRunsItAndIsMeasuredOnce() {
        CapabilityReport report = report(Map.of(
                HostFeature.STRESS_NG, Capability.available("stress-ng, version 0.15.06"),
                HostFeature.CGROUPS, Capability.available("cgroup v1")), "1.41");

        assertThat(report.fault("cpu-stress")).isEqualTo(Capability.available("supported"));
        report.current();
        assertThat(probes.get()).isEqualTo(1);
    }

    @Test
    void measuresAgainWhileDockerDoesNotAnswer() {
        CapabilityReport report = report(Map.of(), null);
        report.current();
        report.current();
        assertThat(probes.get()).isEqualTo(2);
    }

    @Test
    void anEcsTaskSidecarSupportsOnlyTheTaskFaultsAndIsMeasuredOnceWithoutDocker() {
        FaultExecutorRegistry registry = new FaultExecutorRegistry(List.of(
                new CpuStressExecutor(new StressLauncher(null, null, null)),
                new EcsTaskNetworkLatencyExecutor(new TaskFaultInjection(java.util.Optional.empty()))));
        CapabilityReport report = new CapabilityReport(registry, () -> {
            probes.incrementAndGet();
            return Map.of(HostFeature.STRESS_NG, Capability.available("stress-ng"),
                    HostFeature.CGROUPS, Capability.available("cgroup v2"),
                    HostFeature.ECS_FAULT_INJECTION, Capability.available("ECS agent fault injection"));
        }, () -> null, () -> "v2", true);

        assertThat(report.fault("ecs-task-network-latency")).isEqualTo(Capability.available("supported"));
        assertThat(report.fault("cpu-stress").available()).isFalse();
        assertThat(report.fault("cpu-stress").detail()).contains("sidecar in an ECS task");
        report.current();
        assertThat(probes.get()).as("no Docker to wait for: measured once").isEqualTo(1);
    }

    private CapabilityReport report(Map<HostFeature, Capability> features, String dockerVersion) {
        FaultExecutorRegistry registry = new FaultExecutorRegistry(List.of(new CpuStressExecutor(
                new StressLauncher(null, null, null))));
        return new CapabilityReport(registry, () -> {
            probes.incrementAndGet();
            return features;
        }, () -> dockerVersion, () -> "v1");
    }
}
