package dev.faultline.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.capability.CapabilityReport;
import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutorRegistry;
import dev.faultline.agent.fault.resource.CpuStressExecutor;
import dev.faultline.agent.fault.resource.StressLauncher;
import dev.faultline.common.capability.Capability;
import dev.faultline.common.fault.FaultSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** GET /api/v1/faults: what a bench or an operator needs to pick the types that could outlive a crashed agent. */
class FaultTypesResourceTest {

    private final FaultTypesResource resource = new FaultTypesResource(new CapabilityReport(
            new FaultExecutorRegistry(List.of(new CpuStressExecutor(new StressLauncher(null, null, null)))),
            () -> Map.of(HostFeature.STRESS_NG, Capability.available("stress-ng"),
                    HostFeature.CGROUPS, Capability.available("cgroup v1")),
            () -> "1.41", () -> "v1"));

    @Test
    void saysOfEveryTypeWhetherItLasts() {
        Map<String, FaultTypeView> byType = resource.faults().stream()
                .collect(Collectors.toMap(FaultTypeView::type, Function.identity()));

        assertThat(byType.keySet()).containsExactlyInAnyOrderElementsOf(FaultSpec.knownTypes());
        assertThat(byType.values().stream().filter(v -> !v.lasting()).map(FaultTypeView::type).sorted())
                .containsExactly("container-kill", "container-restart", "ecs-stop-task", "process-kill");
        assertThat(byType.get("container-stop").lasting()).isTrue();
        assertThat(byType.get("disk-fill").lasting()).isTrue();
    }

    @Test
    void lastingIsApartFromWhetherThisHostCanRunIt() {
        Map<String, FaultTypeView> byType = resource.faults().stream()
                .collect(Collectors.toMap(FaultTypeView::type, Function.identity()));

        assertThat(byType.get("cpu-stress")).isEqualTo(new FaultTypeView("cpu-stress", true, true, "supported"));
        assertThat(byType.get("container-stop").supported()).isFalse();
        assertThat(byType.get("container-kill").supported()).isFalse();
    }
}
