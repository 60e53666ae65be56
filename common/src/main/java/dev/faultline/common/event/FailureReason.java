package dev.faultline.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why an agent could not apply a fault; consumers can act on these without parsing the detail text. */
public enum FailureReason {
    /** The target container no longer exists on the agent's host. */
    @JsonProperty("target-not-found")
    TARGET_NOT_FOUND,
    /** The target exists but is not running (nothing to hit). */
    @JsonProperty("target-not-running")
    TARGET_NOT_RUNNING,
    /**
     * The target is not opted in (no opt-in label, not on its agent's allow-list); agents refuse it whatever the
     * orchestrator said.
     */
    @JsonProperty("target-not-opted-in")
    TARGET_NOT_OPTED_IN,
    /** The agent has no executor for the fault type. */
    @JsonProperty("unsupported-fault")
    UNSUPPORTED_FAULT,
    /** The host lacks what the fault needs (a kernel module, a tool). */
    @JsonProperty("unsupported-on-host")
    UNSUPPORTED_ON_HOST,
    /** The container runtime or a host command failed. */
    @JsonProperty("runtime-error")
    RUNTIME_ERROR,
    /** A safety limit of the agent refused the fault (maximum duration, concurrent faults, platform target). */
    @JsonProperty("refused-by-limit")
    REFUSED_BY_LIMIT
}
