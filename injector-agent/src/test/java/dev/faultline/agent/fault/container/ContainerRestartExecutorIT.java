package dev.faultline.agent.fault.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.HostConfig;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.testing.RealHost;
import dev.faultline.common.fault.ContainerRestart;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContainerRestartExecutorIT {

    private final RealHost host = new RealHost();
    private final ContainerRestartExecutor executor = new ContainerRestartExecutor(host.runtime);

    @AfterEach
    void cleanUp() {
        host.close();
    }

    @Test
    void restartsWithANewMainProcess() {
        Target target = host.start("faultline-it-restart", HostConfig.newHostConfig());
        var before = host.inspect(target.containerId()).getState();

        executor.apply(target, new ContainerRestart(Duration.ofSeconds(1)));

        var after = host.inspect(target.containerId()).getState();
        assertThat(after.getStatus()).isEqualTo("running");
        assertThat(after.getStartedAt()).isNotEqualTo(before.getStartedAt());
        assertThat(after.getPidLong()).isNotEqualTo(before.getPidLong());
        assertThat(host.processes.alive(target.pid())).as("the old main process is gone").isFalse();
    }
}
