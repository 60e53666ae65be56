package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a container is killed. The difference matters: it decides whether Docker's restart policy recovers it. */
public enum KillMethod {
    /**
     * Signal the container's main process from the host, as the kernel does on an OOM kill or a crash. Docker sees
     * an unexpected exit and applies the container's restart policy.
     */
    @JsonProperty("process")
    PROCESS,
    /**
     * Docker's own kill. Docker records it as an operator's stop, so restart policies do not bring the container
     * back: useful to test that an orchestrator or load balancer copes with a replica that stays gone.
     */
    @JsonProperty("docker-api")
    DOCKER_API
}
