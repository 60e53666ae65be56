package dev.faultline.agent.fault.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.HostConfig;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.testing.RealHost;
import dev.faultline.common.fault.ProcessKill;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessKillExecutorIT {

    private final RealHost host = new RealHost();
    private final ProcessKillExecutor executor = new ProcessKillExecutor(host.cgroups, host.processes, host.runner);

    @AfterEach
    void cleanUp() {
        host.close();
    }

    @Test
    void killsTheMatchingProcessInsideAndLeavesTheRestRunning() throws Exception {
        Target target = host.start("faultline-it-pkill", HostConfig.newHostConfig());
        host.execDetached(target.containerId(), "sleep", "300");
        await("one sleep process in the container").atMost(Duration.ofSeconds(5))
                .until(() -> sleepers(target).size() == 1);
        long sleeper = sleepers(target).get(0);

        executor.apply(target, new ProcessKill("sleep", "KILL", false));

        await("sleep (host pid " + sleeper + ") is gone").atMost(Duration.ofSeconds(3))
                .until(() -> !host.processes.alive(sleeper));
        assertThat(sleepers(target)).isEmpty();
        assertThat(host.processes.alive(target.pid())).as("httpd, the main process, lives on").isTrue();
        assertThat(host.inspect(target.containerId()).getState().getStatus()).isEqualTo("running");
    }

    @Test
    void refusesAPatternThatMatchesNothingAndSaysWhatIsThere() {
        Target target = host.start("faultline-it-pkill-none", HostConfig.newHostConfig());

        assertThatThrownBy(() -> executor.apply(target, new ProcessKill("no-such-.*", null, true)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no process in container " + target.name())
                // busybox httpd: the kernel names the process after the binary
                .hasMessageContaining("busybox (pid " + target.pid() + ")");
        assertThat(host.processes.alive(target.pid())).isTrue();
    }

    private List<Long> sleepers(Target target) {
        return host.cgroups.processesOf(target.pid()).stream()
                .filter(pid -> host.processes.name(pid).orElse("").equals("sleep"))
                .toList();
    }
}
