package dev.faultline.common.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Whether a type lasts, read from the type alone, agrees with what each of its specs says. */
class FaultTypeLastingTest {

    /** One valid spec of every type: a new type without one here fails the first test. */
    private static final List<FaultSpec> SAMPLES = List.of(
            ContainerKill.sigkill(),
            new ContainerStop(null),
            new ContainerPause(),
            new ContainerRestart(null),
            new ProcessKill("sleep", null, null),
            new CpuStress(null, null, null),
            new MemoryStress(16, null, null),
            new IoStress(null, null, null, null),
            new DiskFill(16, null),
            new NetworkPartition(null, null, List.of(8080), null),
            new EgressBlock(null, null, null),
            PacketLoss.of(30),
            BandwidthLimit.of("1mbit"),
            new ConnectionReset(null, null, List.of(8080), null),
            new DnsFailure(null),
            new DbPartition("10.0.0.2:5432"),
            new NetworkDelay("10.0.0.2", 8080, Duration.ofMillis(200), null, null),
            new DynamoDbFaults("10.0.0.2", 8000,
                    List.of(new DynamoDbOperationFault("PutItem", null, 50.0, null))),
            new DbConnectionExhaustion("10.0.0.2", 5432, 10),
            new EcsStopTask(),
            new EcsTaskNetworkLatency(java.time.Duration.ofMillis(100), null, null, null),
            new EcsTaskNetworkPacketLoss(10, null, null),
            new EcsTaskNetworkBlackholePort(8080, null, null, null));

    @Test
    void everyTypeHasASample() {
        assertThat(SAMPLES.stream().map(FaultSpec::type).sorted().toList()).isEqualTo(FaultSpec.knownTypes());
    }

    @Test
    void theTypeSaysWhatItsSpecsSay() {
        for (FaultSpec sample : SAMPLES) {
            assertThat(FaultSpec.lasting(FaultSpec.specClassOf(sample.type())))
                    .as(sample.type()).isEqualTo(sample.lasting());
        }
    }

    @Test
    void killsAndRestartsAreTheOneShotTypes() {
        Map<Boolean, List<String>> byLasting = FaultSpec.knownTypes().stream()
                .collect(Collectors.partitioningBy(t -> FaultSpec.lasting(FaultSpec.specClassOf(t))));
        assertThat(byLasting.get(false)).containsExactly("container-kill", "container-restart", "ecs-stop-task",
                "process-kill");
        assertThat(byLasting.get(true)).contains("container-stop", "disk-fill", "network-delay",
                "db-connection-exhaustion");
    }

    @Test
    void anUnknownTypeHasNoSpecClass() {
        assertThatThrownBy(() -> FaultSpec.specClassOf("no-such-fault")).hasMessageContaining("no-such-fault");
        assertThat(FaultSpec.specClassOf("disk-fill")).isEqualTo(DiskFill.class);
    }
}
