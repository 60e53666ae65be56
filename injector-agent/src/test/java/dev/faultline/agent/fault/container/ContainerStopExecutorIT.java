package dev.faultline.agent.fault.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.testing.RealHost;
import dev.faultline.common.fault.ContainerStop;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContainerStopExecutorIT {

    private final RealHost host = new RealHost();
    private final ContainerStopExecutor executor = new ContainerStopExecutor(host.runtime, host.runtime);

    @AfterEach
    void cleanUp() {
        host.close();
    }

    @Test
    void stopsDespiteTheRestartPolicyAndStartsAgainOnRevert() throws Exception {
        Target target = host.start("faultline-it-stop",
                HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.alwaysRestart()));

        executor.apply(target, new ContainerStop(Duration.ofSeconds(1)));

        assertThat(host.inspect(target.containerId()).getState().getStatus()).isEqualTo("exited");
        // The restart policy brings a crashed container back within about a second; a stop it leaves alone, so
        // watch for longer than that.
        await("still down").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> host.inspect(target.containerId()).getState().getStatus(), "exited"::equals);

        executor.revert(target, new ContainerStop(Duration.ofSeconds(1)));

        var state = host.inspect(target.containerId()).getState();
        assertThat(state.getStatus()).isEqualTo("running");
        long pid = state.getPidLong();
        executor.revert(target, new ContainerStop(Duration.ofSeconds(1)));
        assertThat(host.inspect(target.containerId()).getState().getPidLong())
                .as("a second revert leaves the running container alone").isEqualTo(pid);
    }

    @Test
    void revertOfARemovedContainerIsAlreadyDone() {
        Target target = host.start("faultline-it-stop-gone", HostConfig.newHostConfig());
        executor.apply(target, new ContainerStop(Duration.ZERO));
        host.containers.close();

        executor.revert(target, new ContainerStop(Duration.ZERO));
    }
}
