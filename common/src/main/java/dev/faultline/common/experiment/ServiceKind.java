package dev.faultline.common.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which platform runs a service, and so how its replicas are found and counted. */
public enum ServiceKind {
    /** A Docker Compose service: its containers carry the Compose project and service labels. */
    @JsonProperty("compose")
    COMPOSE,
    /** A Docker Swarm service: its task containers carry {@code com.docker.swarm.service.name}. */
    @JsonProperty("swarm")
    SWARM,
    /** An Amazon ECS service in a cluster: its tasks are found through the ECS API, not through container labels. */
    @JsonProperty("ecs")
    ECS
}
