package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;

/**
 * Take space in a container's filesystem with one allocated file, as a runaway log would. The file is deleted
 * on revert. Container filesystems usually share the host's disk, so the size is bounded and the agent refuses
 * to take more than is free.
 *
 * @param megabytes size of the file; 1..1048576 (1 TiB)
 * @param path      directory inside the container; default {@code /tmp}
 */
@JsonTypeName("disk-fill")
public record DiskFill(Integer megabytes, String path) implements FaultSpec {

    public DiskFill {
        path = path == null || path.isBlank() ? "/tmp" : path;
        ContainerPaths.check(Checks.start()
                .notNull(megabytes, "megabytes")
                .inRange(megabytes, 1, 1_048_576, "megabytes"), path, "path")
                .throwIfAny();
    }

    public long bytes() {
        return megabytes * 1024L * 1024L;
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
