package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.time.Instant;

/**
 * A replica of a service that started during the run (a replacement, or one added by scaling), with Docker's own
 * instants: when its container started and when its health check first passed after that.
 *
 * @param healthyAt null when it was never seen healthy in the window
 */
public record ServiceReplica(String containerId, String name, Instant startedAt, Instant healthyAt) {

    public ServiceReplica {
        Checks.start().notBlank(containerId, "containerId").notBlank(name, "name").notNull(startedAt, "startedAt")
                .throwIfAny();
    }
}
