package dev.faultline.agent.testing;

import dev.faultline.common.command.InjectFault;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.fault.ContainerPause;
import dev.faultline.common.fault.FaultSpec;
import dev.faultline.common.fault.KillMethod;
import dev.faultline.common.target.TargetRef;
import java.time.Duration;
import java.time.Instant;

/** Commands as the orchestrator would send them. */
public final class Commands {

    public static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private Commands() {
    }

    public static TargetRef target(String agentId, String containerId) {
        return new TargetRef(agentId, containerId, containerId + "-name");
    }

    public static ContainerKill dockerKill() {
        return new ContainerKill("SIGKILL", KillMethod.DOCKER_API);
    }

    public static InjectFault inject(String agentId, String containerId, String faultId, FaultSpec fault) {
        return InjectFault.of("run-1", faultId, target(agentId, containerId), fault, Duration.ofSeconds(30), T0);
    }

    /** A lasting fault: pause, until reverted (duration zero: the agent's maximum applies). */
    public static InjectFault pause(String agentId, String runId, String containerId, String faultId) {
        return InjectFault.of(runId, faultId, target(agentId, containerId), new ContainerPause(), Duration.ZERO, T0);
    }

    /** The same lasting pause as {@link #pause}, issued by the orchestrator at {@code issuedAt}. */
    public static InjectFault pauseIssuedAt(String agentId, String runId, String containerId, String faultId,
            Instant issuedAt) {
        return InjectFault.of(runId, faultId, target(agentId, containerId), new ContainerPause(), Duration.ZERO,
                issuedAt);
    }
}
