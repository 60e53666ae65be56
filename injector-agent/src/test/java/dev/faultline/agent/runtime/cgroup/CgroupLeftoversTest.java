package dev.faultline.agent.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safety trials' cgroup checks on sample /proc and cgroup trees of the three layouts. */
class CgroupLeftoversTest {

    private static final String ID = "21e4ced4d148";
    private static final long PID = 4242;
    private static final long STRESS = 4300;

    @TempDir
    Path root;
    private Path proc;
    private Path cgroup;

    @BeforeEach
    void setUp() throws IOException {
        proc = Files.createDirectories(root.resolve("proc"));
        cgroup = Files.createDirectories(root.resolve("sys/fs/cgroup"));
        process(PID, "sleep", "PATH=/bin\0HOME=/\0");
    }

    /** The layout of this build machine: one v1 hierarchy per controller and the unified mount (hybrid). */
    private void v1Host() throws IOException {
        write(proc.resolve("self/mountinfo"), """
                31 23 0:28 / %1$s rw,relatime - tmpfs tmpfs rw,mode=755
                32 31 0:29 / %1$s/cpu rw,relatime - cgroup cgroup rw,cpu
                35 31 0:32 / %1$s/memory rw,relatime - cgroup cgroup rw,memory
                37 31 0:34 / %1$s/freezer rw,relatime - cgroup cgroup rw,freezer
                39 31 0:36 / %1$s/pids rw,relatime - cgroup cgroup rw,pids
                40 31 0:37 / %1$s/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd
                41 31 0:38 / %1$s/unified rw,relatime - cgroup2 cgroup2 rw
                """.formatted(cgroup));
        write(proc.resolve(PID + "/cgroup"), """
                9:name=systemd:/docker/%1$s
                8:pids:/docker/%1$s
                6:freezer:/docker/%1$s
                4:memory:/docker/%1$s
                1:cpu:/docker/%1$s
                0::/docker/%1$s
                """.formatted(ID));
        Path docker = Path.of("docker", ID);
        write(cgroup.resolve("cpu").resolve(docker).resolve("cpu.cfs_quota_us"), "-1\n");
        write(cgroup.resolve("cpu").resolve(docker).resolve("cpu.cfs_period_us"), "100000\n");
        write(cgroup.resolve("memory").resolve(docker).resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        write(cgroup.resolve("freezer").resolve(docker).resolve("freezer.state"), "THAWED\n");
        write(cgroup.resolve("pids").resolve(docker).resolve("cgroup.procs"), PID + "\n");
        Files.createDirectories(cgroup.resolve("unified").resolve(docker));
    }

    /** A pure cgroup v2 host with systemd's cgroup driver. */
    private Path v2Host() throws IOException {
        write(proc.resolve("self/mountinfo"),
                "29 23 0:26 / %s rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n".formatted(cgroup));
        write(proc.resolve(PID + "/cgroup"), "0::/system.slice/docker-%s.scope\n".formatted(ID));
        Path group = cgroup.resolve("system.slice/docker-" + ID + ".scope");
        write(group.resolve("cgroup.freeze"), "0\n");
        write(group.resolve("cpu.max"), "max 100000\n");
        write(group.resolve("memory.max"), "max\n");
        write(group.resolve("cgroup.procs"), PID + "\n");
        return group;
    }

    @Test
    void aCleanV1ContainerHasNoLimitsAndNothingFrozen() throws IOException {
        v1Host();
        assertThat(facts()).containsExactly(Map.entry("cgroup", "hybrid"), Map.entry("freezer", "THAWED"),
                Map.entry("cpu-quota", "max"), Map.entry("memory-limit", "max"), Map.entry("stress-processes", "0"));
    }

    @Test
    void v1ShowsAFrozenGroupALimitAndAStressProcessInAnyOfItsGroups() throws IOException {
        v1Host();
        Path docker = Path.of("docker", ID);
        write(cgroup.resolve("freezer").resolve(docker).resolve("freezer.state"), "FROZEN\n");
        write(cgroup.resolve("cpu").resolve(docker).resolve("cpu.cfs_quota_us"), "50000\n");
        write(cgroup.resolve("memory").resolve(docker).resolve("memory.limit_in_bytes"), "33554432\n");
        // Left only in the memory group: still the container's, still a leftover.
        write(cgroup.resolve("memory").resolve(docker).resolve("cgroup.procs"), PID + "\n" + STRESS + "\n");
        process(STRESS, "stress-ng-vm", "PATH=/bin\0");

        assertThat(facts()).containsEntry("freezer", "v1:FROZEN").containsEntry("cpu-quota", "50000/100000")
                .containsEntry("memory-limit", "33554432").containsEntry("stress-processes", "1")
                .containsEntry("stress-pids", Long.toString(STRESS));
    }

    @Test
    void v2ReadsTheUnifiedGroupAndKnowsAStressProcessByItsFaultId() throws IOException {
        Path group = v2Host();
        assertThat(facts()).containsEntry("cgroup", "v2").containsEntry("freezer", "THAWED")
                .containsEntry("cpu-quota", "max").containsEntry("memory-limit", "max")
                .containsEntry("stress-processes", "0");

        write(group.resolve("cgroup.freeze"), "1\n");
        write(group.resolve("cpu.max"), "20000 100000\n");
        write(group.resolve("memory.max"), "67108864\n");
        write(group.resolve("cgroup.procs"), PID + "\n" + STRESS + "\n");
        // Renamed (prctl), but the environment the agent gave it says whose it is.
        process(STRESS, "worker", "PATH=/bin\0FAULTLINE_FAULT_ID=f-1\0");

        assertThat(facts()).containsEntry("freezer", "v2:FROZEN").containsEntry("cpu-quota", "20000/100000")
                .containsEntry("memory-limit", "67108864").containsEntry("stress-processes", "1");
    }

    @Test
    void aHybridHostWithoutV1FreezerReadsTheUnifiedFreezeAndV1Limits() throws IOException {
        v1Host();
        write(proc.resolve(PID + "/cgroup"), """
                8:pids:/docker/%1$s
                4:memory:/docker/%1$s
                1:cpu:/docker/%1$s
                0::/docker/%1$s
                """.formatted(ID));
        write(cgroup.resolve("unified/docker/" + ID + "/cgroup.freeze"), "1\n");
        assertThat(facts()).containsEntry("cgroup", "hybrid").containsEntry("freezer", "v2:FROZEN")
                .containsEntry("cpu-quota", "max");
    }

    @Test
    void aFactThatCannotBeReadFailsInsteadOfPassing() throws IOException {
        v1Host();
        // v1 without a freezer hierarchy and a unified group without cgroup.freeze (an old kernel)
        write(proc.resolve(PID + "/cgroup"), "8:pids:/docker/%1$s\n4:memory:/docker/%1$s\n1:cpu:/docker/%1$s\n"
                .formatted(ID));
        assertThatThrownBy(this::facts).hasMessageContaining("no freezer");

        Path group = v2Host();
        Files.delete(group.resolve("cpu.max"));
        assertThatThrownBy(this::facts).hasMessageContaining("no CPU controller");

        write(group.resolve("cpu.max"), "max 100000\n");
        Files.delete(group.resolve("cgroup.procs"));
        assertThatThrownBy(this::facts).hasMessageContaining("stress processes cannot be looked for");
    }

    private Map<String, String> facts() {
        return new CgroupLeftovers(proc).facts(PID);
    }

    private void process(long pid, String comm, String environ) throws IOException {
        write(proc.resolve(pid + "/comm"), comm + "\n");
        write(proc.resolve(pid + "/environ"), environ);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
