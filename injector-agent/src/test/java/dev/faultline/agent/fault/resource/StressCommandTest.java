package dev.faultline.agent.fault.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.fault.CpuStress;
import dev.faultline.common.fault.IoStress;
import dev.faultline.common.fault.MemoryStress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StressCommandTest {

    @Test
    void cpuWorkersLoadAndItsOwnDeadline() {
        assertThat(StressCommand.cpu(new CpuStress(2, 50, Duration.ofMillis(90_500)))).containsExactly(
                "stress-ng", "--cpu", "2", "--cpu-load", "50", "--timeout", "91s");
    }

    @Test
    void memorySplitOverWorkersAndKept() {
        assertThat(StressCommand.memory(new MemoryStress(100, 3, Duration.ofMinutes(1)))).containsExactly(
                "stress-ng", "--vm", "3", "--vm-bytes", "33M", "--vm-keep", "--timeout", "60s");
    }

    @Test
    void ioWritesWhereItIsTold() {
        assertThat(StressCommand.io(new IoStress(1, 8, "/data", Duration.ofSeconds(5)),
                Path.of("/proc/42/root/data"))).containsExactly(
                "stress-ng", "--hdd", "1", "--hdd-bytes", "8M", "--temp-path", "/proc/42/root/data",
                "--timeout", "5s");
        assertThatThrownBy(() -> StressCommand.io(new IoStress(1, 8, null, null), Path.of("tmp")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parkedStartKeepsTheCommandOutOfTheScript() {
        List<String> parked = StressCommand.parked(List.of("stress-ng", "--cpu", "1"));

        assertThat(parked).containsExactly("sh", "-c", "kill -STOP $$ && exec \"$@\"", "faultline-parked",
                "stress-ng", "--cpu", "1");
        assertThatThrownBy(() -> StressCommand.parked(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
