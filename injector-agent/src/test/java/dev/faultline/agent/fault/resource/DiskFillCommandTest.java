package dev.faultline.agent.fault.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskFillCommandTest {

    @TempDir
    Path proc;

    @Test
    void fallocateArguments() {
        assertThat(DiskFillExecutor.fallocate(1024, Path.of("/proc/7/root/tmp/f")))
                .containsExactly("fallocate", "--length", "1024", "/proc/7/root/tmp/f");
        assertThatThrownBy(() -> DiskFillExecutor.fallocate(0, Path.of("/x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiskFillExecutor.fallocate(1, Path.of("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void containerDirectoriesAreReachedWithoutFollowingLinks() throws Exception {
        Path root = Files.createDirectories(proc.resolve("7/root"));
        Files.createDirectories(root.resolve("var/log"));
        Files.createSymbolicLink(root.resolve("escape"), Path.of("/etc"));

        assertThat(ContainerDirectory.existing(proc, 7, "/var/log")).isEqualTo(root.resolve("var/log"));
        assertThat(ContainerDirectory.existing(proc, 7, "/")).isEqualTo(root);
        assertThatThrownBy(() -> ContainerDirectory.existing(proc, 7, "/escape"))
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> ContainerDirectory.existing(proc, 7, "/missing"))
                .hasMessageContaining("not a directory");
    }
}
