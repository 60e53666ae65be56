package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.time.Duration;

/**
 * The health status Docker reports for a container ({@code State.Health.Status}, {@code type: docker-health}):
 * up when it is {@code healthy}. The container must define a HEALTHCHECK; Docker runs it at its own interval, so
 * the resolution of this probe is the coarser of that interval and this probe's.
 *
 * @param container name or id of the container, on the observer's Docker engine
 */
public record DockerHealthProbe(String name, String container, Duration interval, Duration timeout) implements Probe {

    public DockerHealthProbe {
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        Checks.start()
                .notBlank(name, "name")
                .notBlank(container, "container")
                .require(interval.compareTo(MIN_INTERVAL) >= 0, "interval", "must be at least 50ms")
                .positive(timeout, "timeout")
                .throwIfAny();
    }

    @Override
    public String describe() {
        return "Docker health status of container " + container + " (healthy = up)";
    }
}
