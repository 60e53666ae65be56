package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.time.Duration;

/**
 * Allocate and keep touching memory inside a container's cgroup with stress-ng: the container's memory limit
 * applies, so asking for more than it leaves free ends in the container's OOM killer, as it would in production.
 *
 * @param megabytes   total memory to hold, split evenly over the workers; 1..65536
 * @param workers     stress-ng VM workers; default 1, 1..16
 * @param maxDuration as for {@link CpuStress}
 */
@JsonTypeName("memory-stress")
public record MemoryStress(Integer megabytes, Integer workers, Duration maxDuration) implements FaultSpec {

    public MemoryStress {
        workers = workers == null ? 1 : workers;
        maxDuration = StressBounds.maxDuration(maxDuration);
        Checks checks = Checks.start().notNull(megabytes, "megabytes")
                .inRange(megabytes, 1, 65536, "megabytes")
                .inRange(workers, 1, 16, "workers");
        if (megabytes != null) {
            checks.require(megabytes >= workers, "megabytes", "must be at least one per worker (" + workers + ")");
        }
        StressBounds.checkMaxDuration(checks, maxDuration).throwIfAny();
    }

    /** What each worker holds. */
    public int megabytesPerWorker() {
        return megabytes / workers;
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
