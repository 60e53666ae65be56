package dev.faultline.agent.fault.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.HostConfig;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.testing.RealHost;
import dev.faultline.common.fault.IoStress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IoStressExecutorIT {

    private final RealHost host = new RealHost();
    private final CpuStressExecutorIT.RecordingLauncher launcher = new CpuStressExecutorIT.RecordingLauncher(host);
    private final IoStressExecutor executor = new IoStressExecutor(launcher);

    @AfterEach
    void cleanUp() {
        launcher.stopAll();
        host.close();
    }

    @Test
    void writesInTheContainersFilesystemFromItsCgroupAndCleansUp() throws Exception {
        Target target = host.start("faultline-it-io", HostConfig.newHostConfig());
        assertThat(host.exec(target.containerId(), "ls", "-A", "/tmp").strip()).as("/tmp before").isEmpty();
        IoStress spec = new IoStress(1, 8, "/tmp", Duration.ofSeconds(30));

        executor.apply(target, spec);
        StressProcess stress = launcher.last();
        List<Long> workers = StressAssertions.assertInsideTheContainer(host, target, stress);

        await("stress-ng's files appear in the container's /tmp").atMost(Duration.ofSeconds(3))
                .until(() -> host.exec(target.containerId(), "ls", "-A", "/tmp").contains("stress-ng"));

        executor.revert(target, spec);

        StressAssertions.assertNothingLeft(host, target, stress, workers);
        assertThat(host.exec(target.containerId(), "ls", "-A", "/tmp").strip()).as("/tmp after revert").isEmpty();
    }
}
