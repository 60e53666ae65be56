package dev.faultline.agent.fault.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.HostConfig;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.testing.RealHost;
import dev.faultline.common.fault.ContainerPause;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContainerPauseExecutorIT {

    private final RealHost host = new RealHost();
    private final ContainerPauseExecutor executor = new ContainerPauseExecutor(host.runtime, host.runtime);

    @AfterEach
    void cleanUp() {
        host.close();
    }

    @Test
    void freezesTheContainerAndThawsItOnRevert() throws Exception {
        Target target = host.start("faultline-it-pause", HostConfig.newHostConfig());

        executor.apply(target, new ContainerPause());

        var paused = host.inspect(target.containerId()).getState();
        assertThat(paused.getPaused()).isTrue();
        assertThat(paused.getStatus()).isEqualTo("paused");
        assertThat(host.processes.state(target.pid())).as("main process frozen by the freezer").isNotEmpty();
        assertThat(freezerState(target)).isEqualTo("FROZEN");

        executor.revert(target, new ContainerPause());

        var thawed = host.inspect(target.containerId()).getState();
        assertThat(thawed.getPaused()).isFalse();
        assertThat(thawed.getStatus()).isEqualTo("running");
        assertThat(thawed.getPidLong()).as("the same process, only thawed").isEqualTo(target.pid());
        assertThat(freezerState(target)).isEqualTo("THAWED");
        executor.revert(target, new ContainerPause());
        assertThat(host.inspect(target.containerId()).getState().getStatus()).isEqualTo("running");
    }

    private String freezerState(Target target) throws Exception {
        List<dev.faultline.agent.runtime.cgroup.CgroupLayout.Group> groups = host.cgroups.groupsOf(target.pid());
        var freezer = groups.stream().filter(g -> g.name().equals("freezer")).findFirst();
        if (freezer.isEmpty()) {
            return host.inspect(target.containerId()).getState().getPaused() ? "FROZEN" : "THAWED";
        }
        return java.nio.file.Files.readString(freezer.get().directory().resolve("freezer.state")).strip();
    }
}
