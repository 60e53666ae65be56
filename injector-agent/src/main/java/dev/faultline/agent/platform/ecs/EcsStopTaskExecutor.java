package dev.faultline.agent.platform.ecs;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.fault.UnsupportedOnHostException;
import dev.faultline.agent.runtime.docker.ContainerInspector;
import dev.faultline.common.fault.EcsStopTask;
import dev.faultline.common.target.EcsTaskInfo;
import dev.faultline.ecs.task.EcsTask;
import dev.faultline.ecs.task.EcsTasks;
import dev.faultline.ecs.task.StopReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * {@code ecs-stop-task}: StopTask on the ECS task the target container belongs to (the ECS agent's
 * {@code com.amazonaws.ecs.task-arn} and {@code com.amazonaws.ecs.cluster} labels say which). ECS then stops every
 * container of the task and its service starts a replacement, as after a failed deployment or a scale-in; the
 * Docker {@code die} of the target is what the agent reports as the target going down.
 */
@ApplicationScoped
public class EcsStopTaskExecutor implements FaultExecutor<EcsStopTask> {

    private static final Logger LOG = Logger.getLogger(EcsStopTaskExecutor.class);

    private final EcsApi ecs;
    private final ContainerInspector inspector;

    @Inject
    public EcsStopTaskExecutor(EcsApi ecs, ContainerInspector inspector) {
        this.ecs = ecs;
        this.inspector = inspector;
    }

    @Override
    public Class<EcsStopTask> specType() {
        return EcsStopTask.class;
    }

    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.ECS_API);
    }

    @Override
    public void apply(Target target, EcsStopTask spec) {
        EcsTasks tasks = ecs.tasks().orElseThrow(() -> new UnsupportedOnHostException(
                "this agent is not configured for ECS (faultline.agent.ecs.enabled=true)"));
        EcsTaskInfo task = inspector.find(target.containerId())
                .flatMap(c -> EcsTaskInfo.fromLabels(c.labels()))
                .orElseThrow(() -> new IllegalArgumentException("container " + target.name()
                        + " is not an ECS task's: it has no " + EcsTaskInfo.TASK_ARN_LABEL + " and "
                        + EcsTaskInfo.CLUSTER_LABEL + " labels"));
        String reason = StopReason.of(target.runId() == null ? "unknown" : target.runId(), target.faultId());
        EcsTask stopped = tasks.stop(task.cluster(), task.taskArn(), reason);
        LOG.infof("asked ECS to stop task %s of cluster %s (%s); desired status now %s", task.taskId(),
                task.cluster(), target, stopped.desiredStatus());
    }

    /**
     * Nothing to undo: the task is stopped, and ECS never restarts a stopped task. Its service starts a new one,
     * which is what the experiment measures.
     */
    @Override
    public void revert(Target target, EcsStopTask spec) {
        // deliberately empty, see above
    }
}
