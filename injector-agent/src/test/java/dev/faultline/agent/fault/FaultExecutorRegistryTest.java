package dev.faultline.agent.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultExecutorRegistryTest {

    @Test
    void findsExecutorsByTheirFaultTypeName() {
        RecordingExecutor executor = new RecordingExecutor();
        FaultExecutorRegistry registry = new FaultExecutorRegistry(List.of(executor));

        assertThat(registry.forType("container-kill")).containsSame(executor);
        assertThat(registry.supports("container-kill")).isTrue();
        assertThat(registry.forType("network-partition")).isEmpty();
    }

    @Test
    void refusesTwoExecutorsForOneType() {
        assertThatThrownBy(() -> new FaultExecutorRegistry(List.of(new RecordingExecutor(), new RecordingExecutor())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two executors for fault type container-kill");
    }

    @Test
    void knowsEveryTypeOfTheContract() {
        assertThat(FaultExecutorRegistry.knownTypes()).contains("container-kill");
    }
}
