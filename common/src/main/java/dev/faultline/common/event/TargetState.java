package dev.faultline.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the platform (Docker) said about a target's container, as a state the recovery timeline can place. */
public enum TargetState {
    /** The container's main process ended (Docker {@code die}, {@code oom}). */
    @JsonProperty("DOWN")
    DOWN,
    /** The container runs again (Docker {@code start}, {@code restart}). */
    @JsonProperty("UP")
    UP,
    /** The container's own health check passed (Docker {@code health_status: healthy}). */
    @JsonProperty("HEALTHY")
    HEALTHY,
    /** The container's own health check failed (Docker {@code health_status: unhealthy}). */
    @JsonProperty("UNHEALTHY")
    UNHEALTHY
}
