package dev.faultline.agent.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.fault.FaultExecutorRegistry;
import dev.faultline.agent.fault.resource.CpuStressExecutor;
import dev.faultline.agent.fault.resource.StressLauncher;
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

    private CapabilityReport report(Map<HostFeature, Capability> features, String dockerVersion) {
        FaultExecutorRegistry registry = new FaultExecutorRegistry(List.of(new CpuStressExecutor(
                new StressLauncher(null, null, null))));
        return new CapabilityReport(registry, () -> {
            probes.incrementAndGet();
            return features;
        }, () -> dockerVersion, () -> "v1");
    }
}
