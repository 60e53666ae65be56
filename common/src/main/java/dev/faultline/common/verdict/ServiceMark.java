package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.time.Instant;

/**
 * One instant of a service's recovery and how it was known.
 *
 * @param resolutionMillis 0 when the instant is Docker's own (an event's time, or the time Docker recorded in the
 *                         container's state: its start, a health check's end), so exact to Docker's clock; else the
 *                         sampling interval: the true instant lies within that much before {@code at}
 * @param source           {@code docker-event} (the agent's report of Docker's event), {@code docker-state} (the
 *                         time in the container's state as the Docker API returned it), {@code sample} (the first
 *                         sample that showed it), or the platform's name for other sources ({@code ecs-event})
 */
public record ServiceMark(Instant at, long resolutionMillis, String source) {

    public static final String DOCKER_EVENT = "docker-event";
    public static final String DOCKER_STATE = "docker-state";
    public static final String SAMPLE = "sample";

    public ServiceMark {
        Checks.start().notNull(at, "at").require(resolutionMillis >= 0, "resolutionMillis", "must not be negative")
                .notBlank(source, "source").throwIfAny();
    }
}
