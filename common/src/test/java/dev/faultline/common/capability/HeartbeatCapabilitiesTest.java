package dev.faultline.common.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.json.ChaosJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatCapabilitiesTest {

    static final Instant NOW = Instant.parse("2026-11-27T10:15:30.123Z");

    @Test
    void capabilitiesSurviveARoundTrip() throws Exception {
        AgentCapabilities capabilities = new AgentCapabilities("1.41", "v1",
                Map.of("netem", Capability.missing("this kernel has no sch_netem"),
                        "stress-ng", Capability.available("stress-ng, version 0.15.06")),
                Map.of("cpu-stress", Capability.available("supported")));
        AgentHeartbeat heartbeat = AgentHeartbeat.of("agent-1", "host-a", Duration.ofSeconds(2), List.of(),
                capabilities, NOW);

        String json = ChaosJson.write(heartbeat);

        assertThat(json).contains("\"capabilities\":{\"dockerApiVersion\":\"1.41\"")
                .contains("\"netem\":{\"available\":false,\"detail\":\"this kernel has no sch_netem\"}");
        assertThat(ChaosJson.read(json, ChaosEvent.class)).isEqualTo(heartbeat);
    }

    @Test
    void heartbeatsOfOlderAgentsHaveNoCapabilitiesAndNoField() throws Exception {
        AgentHeartbeat old = AgentHeartbeat.of("agent-1", "host-a", Duration.ofSeconds(2), List.of(), NOW);

        String json = ChaosJson.write(old);

        assertThat(json).doesNotContain("capabilities");
        AgentHeartbeat read = (AgentHeartbeat) ChaosJson.read(json, ChaosEvent.class);
        assertThat(read.capabilities()).isNull();
    }

    @Test
    void looksUpAFaultTypeOrSaysItIsUnknown() {
        AgentCapabilities capabilities = new AgentCapabilities(null, "v1", null,
                Map.of("network-delay", Capability.missing("this kernel has no sch_netem")));

        assertThat(capabilities.fault("network-delay")).hasValueSatisfying(c -> assertThat(c.available()).isFalse());
        assertThat(capabilities.fault("container-kill")).isEmpty();
    }
}
