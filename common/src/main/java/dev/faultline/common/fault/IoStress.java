package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.time.Duration;

/**
 * Write and read files in a container's filesystem with stress-ng, from inside the container's cgroup so that
 * its block-I/O limits apply. stress-ng removes its files when it stops.
 *
 * @param workers     stress-ng HDD workers; default 1, 1..16
 * @param megabytes   size of each worker's file; default 64, 1..10240
 * @param path        directory inside the container for the files; default {@code /tmp}
 * @param maxDuration as for {@link CpuStress}
 */
@JsonTypeName("io-stress")
public record IoStress(Integer workers, Integer megabytes, String path, Duration maxDuration) implements FaultSpec {

    public IoStress {
        workers = workers == null ? 1 : workers;
        megabytes = megabytes == null ? 64 : megabytes;
        path = path == null || path.isBlank() ? "/tmp" : path;
        maxDuration = StressBounds.maxDuration(maxDuration);
        StressBounds.checkMaxDuration(ContainerPaths.check(Checks.start()
                .inRange(workers, 1, 16, "workers")
                .inRange(megabytes, 1, 10240, "megabytes"), path, "path"), maxDuration)
                .throwIfAny();
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
