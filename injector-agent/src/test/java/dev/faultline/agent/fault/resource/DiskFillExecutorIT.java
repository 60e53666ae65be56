package dev.faultline.agent.fault.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.HostConfig;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.testing.RealHost;
import dev.faultline.common.fault.DiskFill;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiskFillExecutorIT {

    private static final long MB = 1024 * 1024;

    private final RealHost host = new RealHost();
    private final DiskFillExecutor executor = new DiskFillExecutor(host.runner, host.runtime);

    @AfterEach
    void cleanUp() {
        host.close();
    }

    @Test
    void takesTheSpaceInsideTheContainerAndGivesItBackOnRevert() {
        Target target = host.start("faultline-it-disk", HostConfig.newHostConfig()).forFault("f-disk");
        DiskFill spec = new DiskFill(256, "/tmp");
        long availableBefore = availableKb(target);

        executor.apply(target, spec);

        String listing = host.exec(target.containerId(), "ls", "/tmp").strip();
        assertThat(listing).startsWith(DiskFillExecutor.FILE_PREFIX);
        // stat inside the container: the size, and the blocks really allocated (not a sparse file).
        String[] stat = host.exec(target.containerId(), "stat", "-c", "%s %b %B", "/tmp/" + listing).strip().split(" ");
        assertThat(Long.parseLong(stat[0])).as("size").isEqualTo(256 * MB);
        assertThat(Long.parseLong(stat[1]) * Long.parseLong(stat[2])).as("allocated bytes").isGreaterThanOrEqualTo(256 * MB);
        // df in the container: the filesystem is shared with the host (and other tests), so a loose bound.
        assertThat(availableBefore - availableKb(target)).as("KB taken from the container's filesystem")
                .isGreaterThan(256 * 1024 / 2);

        executor.revert(target, spec);

        assertThat(host.exec(target.containerId(), "ls", "-A", "/tmp").strip()).as("/tmp after revert").isEmpty();
        executor.revert(target, spec);
    }

    @Test
    void refusesMoreThanIsFree() {
        Target target = host.start("faultline-it-disk-big", HostConfig.newHostConfig()).forFault("f-big");

        assertThatThrownBy(() -> executor.apply(target, new DiskFill(1_048_576, "/tmp")))
                .hasMessageContaining("only").hasMessageContaining("MB are free");
        assertThat(host.exec(target.containerId(), "ls", "-A", "/tmp").strip()).isEmpty();
    }

    @Test
    void refusesADirectoryReachedThroughASymbolicLink() {
        Target target = host.start("faultline-it-disk-link", HostConfig.newHostConfig()).forFault("f-link");
        host.exec(target.containerId(), "ln", "-s", "/etc", "/tmp/escape");

        assertThatThrownBy(() -> executor.apply(target, new DiskFill(1, "/tmp/escape")))
                .hasMessageContaining("symbolic link");
    }

    private long availableKb(Target target) {
        String[] lines = host.exec(target.containerId(), "df", "-k", "/tmp").strip().split("\n");
        String[] columns = lines[lines.length - 1].trim().split("\\s+");
        return Long.parseLong(columns[3]);
    }
}
