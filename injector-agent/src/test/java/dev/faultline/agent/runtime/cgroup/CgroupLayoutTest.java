package dev.faultline.agent.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupLayoutTest {

    static final String ID = "21e4ced4d148bbd1b5919df9458c50acc6fdf6e0bc48e3aeab4019a80e6abece";

    /** This build machine: one hierarchy per controller plus the unified mount (hybrid). */
    static final String V1_CGROUP = """
            9:name=systemd:/docker/%1$s
            8:pids:/docker/%1$s
            4:memory:/docker/%1$s
            2:cpuacct:/docker/%1$s
            1:cpu:/docker/%1$s
            0::/docker/%1$s
            """.formatted(ID);
    static final String V1_MOUNTS = """
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;

    @Test
    void findsTheGroupOfEveryMountedHierarchy() {
        List<CgroupLayout.Group> groups = CgroupLayout.groups(V1_CGROUP, V1_MOUNTS);

        assertThat(groups).extracting(CgroupLayout.Group::name)
                .containsExactly("name=systemd", "pids", "memory", "cpuacct", "cpu", "unified");
        assertThat(groups.get(2).procsFile()).isEqualTo(Path.of("/sys/fs/cgroup/memory/docker/" + ID + "/cgroup.procs"));
        assertThat(groups.get(5).directory()).isEqualTo(Path.of("/sys/fs/cgroup/unified/docker/" + ID));
        assertThat(CgroupLayout.version(V1_MOUNTS)).isEqualTo("hybrid");
    }

    @Test
    void matchesCoMountedControllersAndPureV2() {
        String cgroup = "4:cpu,cpuacct:/docker/abc\n";
        String mounts = "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n";
        assertThat(CgroupLayout.groups(cgroup, mounts)).containsExactly(
                new CgroupLayout.Group("cpu,cpuacct", Path.of("/sys/fs/cgroup/cpu,cpuacct/docker/abc")));

        String v2 = "29 23 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n";
        assertThat(CgroupLayout.groups("0::/system.slice/docker-abc.scope\n", v2)).containsExactly(
                new CgroupLayout.Group("unified", Path.of("/sys/fs/cgroup/system.slice/docker-abc.scope")));
        assertThat(CgroupLayout.version(v2)).isEqualTo("v2");
    }

    @Test
    void leavesOutGroupsOutsideAMountsRootAndUnmountedHierarchies() {
        String mounts = "35 31 0:32 /docker /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n";
        assertThat(CgroupLayout.groups("4:memory:/docker/abc\n", mounts)).containsExactly(
                new CgroupLayout.Group("memory", Path.of("/sys/fs/cgroup/memory/abc")));
        assertThat(CgroupLayout.groups("4:memory:/other/abc\n3:blkio:/docker/abc\n", mounts)).isEmpty();
        assertThat(CgroupLayout.version("")).isEqualTo("none");
    }
}
