package dev.faultline.agent.fault.resource;

import dev.faultline.agent.runtime.cgroup.CgroupLayout;
import java.nio.file.Path;
import java.util.List;

/**
 * A stress-ng the agent started inside a container's cgroups.
 *
 * @param process the handle of the process we started (stress-ng's main process, see StressCommand.parked)
 * @param log     where its stderr goes, read when it fails
 * @param groups  the container's groups it was moved into
 */
public record StressProcess(Process process, Path log, List<CgroupLayout.Group> groups) {

    public long pid() {
        return process.pid();
    }
}
