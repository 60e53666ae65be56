package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.time.Duration;

/**
 * Burn CPU inside a container's cgroup with stress-ng, so that the container's own CPU limit and shares apply
 * and its processes compete with the stress. Lasting: the stress stops when the fault is reverted.
 *
 * @param workers     stress-ng CPU workers; default 1, 1..64
 * @param load        percent of one CPU each worker tries to use; default 100, 1..100
 * @param maxDuration stress-ng stops by itself after this even if the agent is gone; default 10m, at most 1h
 */
@JsonTypeName("cpu-stress")
public record CpuStress(Integer workers, Integer load, Duration maxDuration) implements FaultSpec {

    public CpuStress {
        workers = workers == null ? 1 : workers;
        load = load == null ? 100 : load;
        maxDuration = StressBounds.maxDuration(maxDuration);
        StressBounds.checkMaxDuration(Checks.start()
                .inRange(workers, 1, 64, "workers")
                .inRange(load, 1, 100, "load"), maxDuration)
                .throwIfAny();
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
