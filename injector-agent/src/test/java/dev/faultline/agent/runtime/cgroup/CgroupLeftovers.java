package dev.faultline.agent.runtime.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a fault can leave in a container's cgroups, read from the host for {@code bench/safety-trials.sh}: the freezer
 * state, stress processes (stress-ng, or any process carrying a Faultline fault id in its environment), the CPU quota
 * and the memory limit. The groups come from the agent's own {@link CgroupLayout} ({@code /proc/<pid>/cgroup} and
 * {@code /proc/self/mountinfo}), so cgroup v1, v2 and the hybrid layout are read where they are, not at fixed v1
 * paths that a v2 host does not have. A fact that cannot be read is an {@link IllegalStateException}, never a clean
 * answer: a trial that cannot look must fail, not pass.
 *
 * <p>Usage: {@code java -cp injector-agent/target/classes:injector-agent/target/test-classes
 * dev.faultline.agent.runtime.cgroup.CgroupLeftovers <pid>...}; one line per pid: {@code <pid> key=value ...},
 * always the same keys for one host, so that the bench can compare a target's line with the one taken before any
 * fault. Exit status 2 when a fact cannot be read.
 */
public final class CgroupLeftovers {

    /** What {@code StressLauncher} puts in the environment of every stress process it starts. */
    static final String FAULT_ID_VARIABLE = "FAULTLINE_FAULT_ID=";
    /** cgroup v1 writes "no limit" as the largest page-aligned long; anything this large is no limit. */
    private static final long V1_UNLIMITED = 1L << 62;

    private final Path proc;

    CgroupLeftovers(Path proc) {
        this.proc = proc;
    }

    public static void main(String[] args) {
        CgroupLeftovers inspector = new CgroupLeftovers(Path.of("/proc"));
        try {
            for (String pid : args) {
                StringBuilder line = new StringBuilder(pid);
                inspector.facts(Long.parseLong(pid)).forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
                System.out.println(line);
            }
        } catch (RuntimeException e) {
            System.err.println("cgroup inspection failed: " + e.getMessage());
            System.exit(2);
        }
    }

    /** The facts of the container whose main process is {@code pid}, in a fixed order. */
    Map<String, String> facts(long pid) {
        String mountinfo = read(proc.resolve("self/mountinfo"));
        List<CgroupLayout.Group> groups = CgroupLayout.groups(read(proc.resolve(pid + "/cgroup")), mountinfo);
        Optional<CgroupLayout.Group> unified = groups.stream().filter(g -> g.name().equals("unified")).findFirst();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("cgroup", CgroupLayout.version(mountinfo));
        facts.put("freezer", freezer(groups, unified, pid));
        facts.put("cpu-quota", cpuQuota(groups, unified, pid));
        facts.put("memory-limit", memoryLimit(groups, unified, pid));
        List<Long> stress = stressProcesses(groups, pid);
        facts.put("stress-processes", Integer.toString(stress.size()));
        if (!stress.isEmpty()) {
            facts.put("stress-pids", String.join(",", stress.stream().map(String::valueOf).toList()));
        }
        return facts;
    }

    /**
     * {@code THAWED} or what is frozen. v1's freezer where it is mounted (Docker pauses with it there); the v2
     * group's {@code cgroup.freeze} wherever it exists, because a hybrid host has both and either one stops the
     * processes.
     */
    private String freezer(List<CgroupLayout.Group> groups, Optional<CgroupLayout.Group> unified, long pid) {
        List<String> frozen = new ArrayList<>();
        boolean looked = false;
        Optional<CgroupLayout.Group> v1 = v1Group(groups, "freezer");
        if (v1.isPresent()) {
            looked = true;
            String state = read(v1.get().directory().resolve("freezer.state")).strip();
            if (!state.equals("THAWED")) {
                frozen.add("v1:" + state);
            }
        }
        if (unified.isPresent() && Files.exists(unified.get().directory().resolve("cgroup.freeze"))) {
            looked = true;
            if (!read(unified.get().directory().resolve("cgroup.freeze")).strip().equals("0")) {
                frozen.add("v2:FROZEN");
            }
        }
        if (!looked) {
            throw new IllegalStateException("no freezer for pid " + pid + ": neither a v1 freezer hierarchy nor a v2 "
                    + "group with cgroup.freeze (groups " + groups + ")");
        }
        return frozen.isEmpty() ? "THAWED" : String.join(",", frozen);
    }

    /** {@code max} or {@code <quota>/<period>} in microseconds, from v1's cpu controller or v2's cpu.max. */
    private String cpuQuota(List<CgroupLayout.Group> groups, Optional<CgroupLayout.Group> unified, long pid) {
        Optional<CgroupLayout.Group> v1 = v1Group(groups, "cpu");
        if (v1.isPresent()) {
            long quota = Long.parseLong(read(v1.get().directory().resolve("cpu.cfs_quota_us")).strip());
            return quota < 0 ? "max"
                    : quota + "/" + read(v1.get().directory().resolve("cpu.cfs_period_us")).strip();
        }
        Path cpuMax = unified.map(g -> g.directory().resolve("cpu.max")).filter(Files::exists)
                .orElseThrow(() -> new IllegalStateException("no CPU controller for pid " + pid
                        + ": neither v1's cpu hierarchy nor cpu.max in its v2 group (groups " + groups + ")"));
        String[] parts = read(cpuMax).strip().split(" ");
        return parts[0].equals("max") ? "max" : parts[0] + "/" + parts[1];
    }

    /** {@code max} or the limit in bytes, from v1's memory controller or v2's memory.max. */
    private String memoryLimit(List<CgroupLayout.Group> groups, Optional<CgroupLayout.Group> unified, long pid) {
        Optional<CgroupLayout.Group> v1 = v1Group(groups, "memory");
        if (v1.isPresent()) {
            long limit = Long.parseLong(read(v1.get().directory().resolve("memory.limit_in_bytes")).strip());
            return limit >= V1_UNLIMITED ? "max" : Long.toString(limit);
        }
        Path memoryMax = unified.map(g -> g.directory().resolve("memory.max")).filter(Files::exists)
                .orElseThrow(() -> new IllegalStateException("no memory controller for pid " + pid
                        + ": neither v1's memory hierarchy nor memory.max in its v2 group (groups " + groups + ")"));
        return read(memoryMax).strip();
    }

    /**
     * Stress processes in any of the container's groups: a stress process joins every group of the container, and
     * one left in only some of them is still a leftover.
     */
    private List<Long> stressProcesses(List<CgroupLayout.Group> groups, long pid) {
        TreeSet<Long> members = new TreeSet<>();
        for (CgroupLayout.Group group : groups) {
            Path procs = group.procsFile();
            if (!Files.exists(procs)) {
                continue; // a v1 named hierarchy or a group the kernel has not populated
            }
            for (String line : read(procs).split("\n")) {
                if (!line.isBlank()) {
                    members.add(Long.parseLong(line.strip()));
                }
            }
        }
        if (members.isEmpty()) {
            throw new IllegalStateException("no cgroup.procs lists any process for pid " + pid + " (groups " + groups
                    + "): its stress processes cannot be looked for");
        }
        List<Long> stress = new ArrayList<>();
        for (long member : members) {
            Optional<String> comm = readIfAlive(proc.resolve(member + "/comm"));
            Optional<String> environ = readIfAlive(proc.resolve(member + "/environ"));
            if (comm.isEmpty() || environ.isEmpty()) {
                continue; // it ended between the listing and now
            }
            if (comm.get().strip().startsWith("stress-ng") || hasFaultId(environ.get())) {
                stress.add(member);
            }
        }
        return stress;
    }

    private static boolean hasFaultId(String environ) {
        for (String variable : environ.split("\0")) {
            if (variable.startsWith(FAULT_ID_VARIABLE)) {
                return true;
            }
        }
        return false;
    }

    /** The v1 group whose hierarchy has {@code controller}, alone or co-mounted ({@code cpu,cpuacct}). */
    private static Optional<CgroupLayout.Group> v1Group(List<CgroupLayout.Group> groups, String controller) {
        return groups.stream()
                .filter(g -> !g.name().equals("unified"))
                .filter(g -> List.of(g.name().split(",")).contains(controller))
                .findFirst();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
    }

    private static Optional<String> readIfAlive(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // Permission denied and the like: the process may be a stress process we cannot see.
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
    }
}
