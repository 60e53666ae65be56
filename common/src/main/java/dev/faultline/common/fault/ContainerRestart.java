package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.time.Duration;

/**
 * Restart a container ({@code docker restart}): stop with a grace period, then start. Acts once.
 *
 * @param timeout grace period between SIGTERM and SIGKILL; default 10s, at most 1m (the agent waits for the stop)
 */
@OneShot
@JsonTypeName("container-restart")
public record ContainerRestart(Duration timeout) implements FaultSpec {

    public ContainerRestart {
        timeout = timeout == null ? ContainerStop.DEFAULT_TIMEOUT : timeout;
        Checks.start()
                .notNegative(timeout, "timeout")
                .require(timeout.compareTo(ContainerStop.MAX_TIMEOUT) <= 0, "timeout", "must be at most 1m")
                .throwIfAny();
    }

    @Override
    public boolean lasting() {
        return false;
    }
}
