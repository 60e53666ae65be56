package dev.faultline.common.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.json.ChaosJson;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ECS fault types: ecs-stop-task and the task faults of the ECS agent's fault-injection endpoints. */
class EcsFaultSpecsTest {

    @Test
    void stopTaskActsOnceAndReadsFromAnExperiment() throws Exception {
        FaultSpec spec = ChaosJson.experimentsYaml().readValue("type: ecs-stop-task", FaultSpec.class);
        assertThat(spec).isInstanceOf(EcsStopTask.class);
        assertThat(spec.lasting()).isFalse();
        assertThat(FaultSpec.lasting(EcsStopTask.class)).isFalse();
    }

    @Test
    void latencyDefaultsToNoJitterAndRefusesEveryBadFieldAtOnce() {
        EcsTaskNetworkLatency latency = new EcsTaskNetworkLatency(Duration.ofMillis(200), null, null, null);
        assertThat(latency.jitter()).isZero();
        assertThat(latency.sources()).isEmpty();
        assertThat(latency.lasting()).isTrue();

        assertThatThrownBy(() -> new EcsTaskNetworkLatency(Duration.ofMillis(100), Duration.ofMillis(200),
                List.of("10.0.0.0/33"), List.of("not-an-ip")))
                .hasMessageContaining("jitter: must be at most delay")
                .hasMessageContaining("sources[0]")
                .hasMessageContaining("sourcesToFilter[0]");
        assertThatThrownBy(() -> new EcsTaskNetworkLatency(null, null, null, null))
                .hasMessageContaining("delay: is required");
        assertThatThrownBy(() -> new EcsTaskNetworkLatency(Duration.ofMinutes(1), null, null, null))
                .hasMessageContaining("delay: must be at most 30s");
        assertThatThrownBy(() -> new EcsTaskNetworkLatency(Duration.ofNanos(10), null, null, null))
                .hasMessageContaining("delay: must be at least 1ms");
    }

    @Test
    void packetLossTakesAWholePercent() throws Exception {
        FaultSpec spec = ChaosJson.experimentsYaml().readValue("""
                type: ecs-task-network-packet-loss
                percent: 25
                sources: [10.0.3.0/24]
                """, FaultSpec.class);
        assertThat(spec).isEqualTo(new EcsTaskNetworkPacketLoss(25, List.of("10.0.3.0/24"), List.of()));
        assertThatThrownBy(() -> new EcsTaskNetworkPacketLoss(0, null, null)).hasMessageContaining("percent");
        assertThatThrownBy(() -> new EcsTaskNetworkPacketLoss(101, null, null)).hasMessageContaining("percent");
        assertThatThrownBy(() -> new EcsTaskNetworkPacketLoss(null, null, null))
                .hasMessageContaining("percent: is required");
    }

    @Test
    void blackholeDefaultsToTcpEgressAndHasNoBothDirections() {
        EcsTaskNetworkBlackholePort blackhole = new EcsTaskNetworkBlackholePort(5432, null, null, null);
        assertThat(blackhole.protocol()).isEqualTo("tcp");
        assertThat(blackhole.trafficType()).isEqualTo("egress");
        assertThat(new EcsTaskNetworkBlackholePort(53, "UDP", TrafficDirection.INGRESS, null).trafficType())
                .isEqualTo("ingress");

        assertThatThrownBy(() -> new EcsTaskNetworkBlackholePort(0, "sctp", TrafficDirection.BOTH, null))
                .hasMessageContaining("port")
                .hasMessageContaining("protocol: must be tcp or udp")
                .hasMessageContaining("direction: must be ingress or egress");
    }

    @Test
    void aListOfAddressesIsBounded() {
        List<String> many = java.util.stream.IntStream.range(0, EcsTaskAddresses.MAX + 1)
                .mapToObj(i -> "10.0.0." + (i % 250)).toList();
        assertThatThrownBy(() -> new EcsTaskNetworkPacketLoss(10, many, null))
                .hasMessageContaining("sources: must hold at most 64 addresses");
    }
}
