package dev.faultline.agent.fault.resource;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.OutlastsProcesses;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.runtime.docker.ContainerInspector;
import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.common.fault.DiskFill;
import dev.faultline.common.fault.FaultSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code disk-fill}: one file of the requested size in a directory of the container, allocated with
 * {@code fallocate} (the blocks are taken without being written, so a gigabyte takes milliseconds), deleted on
 * revert. The file is named after the fault id, so that whichever agent process reverts (this one, or the next
 * after a crash, from the ledger) finds it without having to remember anything. The file outlasts a stop of the
 * container ({@link OutlastsProcesses}): recovery of a stopped target keeps the fault until the container runs.
 */
@ApplicationScoped
public class DiskFillExecutor implements FaultExecutor<DiskFill>, OutlastsProcesses {

    static final String FILE_PREFIX = "faultline-disk-fill-";
    private static final Duration FALLOCATE_TIMEOUT = Duration.ofSeconds(60);

    private final ProcessRunner runner;
    private final ContainerInspector inspector;
    private final Path proc;

    @Inject
    public DiskFillExecutor(ProcessRunner runner, ContainerInspector inspector) {
        this(runner, inspector, Path.of("/proc"));
    }

    DiskFillExecutor(ProcessRunner runner, ContainerInspector inspector, Path proc) {
        this.runner = runner;
        this.inspector = inspector;
        this.proc = proc;
    }

    /** Arguments of fallocate for {@code bytes} at {@code file}. */
    public static List<String> fallocate(long bytes, Path file) {
        if (bytes <= 0 || !file.isAbsolute()) {
            throw new IllegalArgumentException("need a positive size and an absolute file, was " + bytes + ", " + file);
        }
        return List.of("fallocate", "--length", Long.toString(bytes), file.toString());
    }

    /**
     * The file's name for {@code faultId}: the prefix and the id, with anything but letters, digits, dots,
     * dashes and underscores replaced, so that an id can never name a path.
     */
    public static String fileName(String faultId) {
        if (faultId == null || faultId.isBlank()) {
            throw new IllegalArgumentException("a disk-fill file is named after its fault id, which is missing");
        }
        return FILE_PREFIX + faultId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public Class<DiskFill> specType() {
        return DiskFill.class;
    }

    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.FALLOCATE);
    }

    @Override
    public void apply(Target target, DiskFill spec) {
        Path directory = ContainerDirectory.existing(proc, target.pid(), spec.path());
        long usable = directory.toFile().getUsableSpace();
        if (spec.bytes() > usable) {
            throw new IllegalStateException("disk-fill of " + spec.megabytes() + " MB in " + spec.path() + " of "
                    + target.name() + ": only " + usable / (1024 * 1024) + " MB are free");
        }
        String name = fileName(target.requireFaultId());
        Path file = directory.resolve(name);
        try {
            // Created here, exclusively: fallocate then works on our own new file, never on a link planted there.
            Files.createFile(file);
            runner.run(fallocate(spec.bytes(), file), FALLOCATE_TIMEOUT);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException("cannot create " + spec.path() + "/" + name + " in " + target.name() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /**
     * Deletes the file, reached through the container's current main process (a restart changes it; a paused one
     * still has it). A removed container took the file with it; a stopped one cannot be reached, and the revert
     * says so (the fault stays in the ledger).
     */
    @Override
    public void revert(Target target, DiskFill spec) {
        inspector.find(target.containerId()).ifPresent(c -> delete(c, spec, target.requireFaultId()));
    }

    @Override
    public void revertWhileDown(InspectedContainer container, FaultSpec spec, String faultId) {
        delete(container, (DiskFill) spec, faultId);
    }

    private void delete(InspectedContainer container, DiskFill spec, String faultId) {
        String name = fileName(faultId);
        if (container.pid() <= 0) {
            throw new IllegalStateException("container " + container.name() + " is " + container.status()
                    + "; the file " + spec.path() + "/" + name + " stays in its filesystem until it runs");
        }
        Path directory = ContainerDirectory.existing(proc, container.pid(), spec.path());
        try {
            Files.deleteIfExists(directory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + spec.path() + "/" + name + " in "
                    + container.name() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing was allocated, or the container is gone
        }
    }
}
