package dev.faultline.agent.fault.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.HostConfig;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.testing.RealHost;
import dev.faultline.common.fault.MemoryStress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryStressExecutorIT {

    private static final long MB = 1024 * 1024;

    private final RealHost host = new RealHost();
    private final CpuStressExecutorIT.RecordingLauncher launcher = new CpuStressExecutorIT.RecordingLauncher(host);
    private final MemoryStressExecutor executor = new MemoryStressExecutor(launcher);

    @AfterEach
    void cleanUp() {
        launcher.stopAll();
        host.close();
    }

    @Test
    void holdsMemoryChargedToTheContainerAndFreesItOnRevert() throws Exception {
        Target target = host.start("faultline-it-mem", HostConfig.newHostConfig().withMemory(256 * MB));
        long before = host.cgroupValue(target.pid(), "memory", "memory.usage_in_bytes");
        MemoryStress spec = new MemoryStress(96, 1, Duration.ofSeconds(30));

        executor.apply(target, spec);
        StressProcess stress = launcher.last();
        List<Long> workers = StressAssertions.assertInsideTheContainer(host, target, stress);

        // The memory cgroup charges the container for it: at least 80 % of what was asked, once touched.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(charged(target) - before)
                .as("growth of the container's memory.usage_in_bytes, ~96 MB expected (before %d MB)", before / MB)
                .isGreaterThanOrEqualTo(96 * MB * 8 / 10));
        assertThat(host.cgroupValue(target.pid(), "memory", "memory.limit_in_bytes")).isEqualTo(256 * MB);

        executor.revert(target, spec);

        StressAssertions.assertNothingLeft(host, target, stress, workers);
        assertThat(charged(target) - before).as("charge returned").isLessThan(16 * MB);
    }

    private long charged(Target target) {
        try {
            return host.cgroupValue(target.pid(), "memory", "memory.usage_in_bytes");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
