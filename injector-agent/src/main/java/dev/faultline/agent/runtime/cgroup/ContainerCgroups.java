package dev.faultline.agent.runtime.cgroup;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's cgroups as seen from the host: which groups its main process is in, which processes are in them,
 * and moving a process of ours in, so that the container's own limits (CPU quota, memory limit, block I/O
 * weights, pids) apply to it. Needs the agent in the host's pid and cgroup namespaces, as root.
 */
@ApplicationScoped
public class ContainerCgroups {

    private final Path proc;

    public ContainerCgroups() {
        this(Path.of("/proc"));
    }

    ContainerCgroups(Path proc) {
        this.proc = proc;
    }

    /** The groups of {@code pid} on every mounted hierarchy. */
    public List<CgroupLayout.Group> groupsOf(long pid) {
        return CgroupLayout.groups(read(proc.resolve(Long.toString(pid)).resolve("cgroup")),
                read(proc.resolve("self").resolve("mountinfo")));
    }

    /** {@code v1}, {@code v2} or {@code hybrid}. */
    public String version() {
        return CgroupLayout.version(read(proc.resolve("self").resolve("mountinfo")));
    }

    /**
     * Moves {@code pid} into each of {@code groups}. A process moves alone: children it already has stay where
     * they are, which is why a stress process is moved before it forks.
     */
    public void join(long pid, List<CgroupLayout.Group> groups) {
        for (CgroupLayout.Group group : groups) {
            try {
                Files.writeString(group.procsFile(), Long.toString(pid), StandardCharsets.US_ASCII,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move pid " + pid + " into cgroup " + group.directory()
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Every process in the container's group (host pids), from the first hierarchy that lists them: the container
     * is this set of processes, whatever pid namespace they see.
     */
    public List<Long> processesOf(long containerPid) {
        List<CgroupLayout.Group> groups = groupsOf(containerPid);
        CgroupLayout.Group group = groups.stream().filter(g -> g.name().equals("pids")).findFirst()
                .or(() -> groups.stream().filter(g -> g.name().equals("unified")).findFirst())
                .or(() -> groups.stream().findFirst())
                .orElseThrow(() -> new IllegalStateException("process " + containerPid + " is in no mounted cgroup"));
        List<Long> pids = new ArrayList<>();
        for (String line : read(group.procsFile()).split("\n")) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.strip()));
            }
        }
        return pids;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(file + " does not exist (the process is gone, or the agent does not "
                    + "run in the host's pid namespace)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
