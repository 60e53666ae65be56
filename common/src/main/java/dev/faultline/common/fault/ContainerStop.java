package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.time.Duration;

/**
 * Stop a container the way an operator or a scheduler would ({@code docker stop}): SIGTERM, then SIGKILL after
 * {@code timeout}. Lasting: when the fault ends the agent starts the container again if it is still stopped.
 *
 * @param timeout grace period between SIGTERM and SIGKILL; default 10s, at most 1m (the agent waits for the stop)
 */
@JsonTypeName("container-stop")
public record ContainerStop(Duration timeout) implements FaultSpec {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

    public ContainerStop {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        Checks.start()
                .notNegative(timeout, "timeout")
                .require(timeout.compareTo(MAX_TIMEOUT) <= 0, "timeout", "must be at most 1m")
                .throwIfAny();
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
