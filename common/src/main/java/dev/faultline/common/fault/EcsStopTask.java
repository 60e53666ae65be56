package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Stop the ECS task the target belongs to, through the ECS API (StopTask), as a deployment, a scale-in or a failed
 * health check would: ECS stops every container of the task (SIGTERM, then SIGKILL after the container's stop
 * timeout) and the service scheduler starts a replacement. The stop reason names Faultline, the run and the fault.
 * Which tasks, how many or what percent of a service's: the target selection's {@code count} / {@code percent}
 * and {@code mode}, as for every fault. Acts once: recovering is the service's job.
 */
@OneShot
@JsonTypeName("ecs-stop-task")
public record EcsStopTask() implements FaultSpec {

    @Override
    public boolean lasting() {
        return false;
    }
}
