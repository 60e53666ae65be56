package dev.faultline.common.command;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import dev.faultline.common.fault.FaultSpec;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.validation.Checks;
import java.time.Duration;
import java.time.Instant;

/**
 * Apply one fault to one target.
 *
 * @param faultId  unique per fault and target; events about this fault carry it
 * @param duration how long a lasting fault stays before the agent reverts it; ignored for one-shot faults
 * @param allowPlatformTargets the experiment explicitly allows hitting Faultline's own infrastructure (containers
 *                             labelled {@code faultline.platform=true}, the agent's own container); false by default
 * @param executeAt the instant the fault is planned for, on the orchestrator's clock: the orchestrator sends a step's
 *                  commands ahead of it and the agent waits until then; one that arrives later acts at once and
 *                  reports how late it was (FaultInjected's {@code lateMillis}). Null (commands of before it
 *                  existed): act on arrival
 */
public record InjectFault(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String agentId,
        String faultId,
        TargetRef target,
        FaultSpec fault,
        Duration duration,
        boolean allowPlatformTargets,
        Instant executeAt) implements ChaosCommand {

    public InjectFault {
        Checks checks = MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true)
                .notBlank(agentId, "agentId")
                .notBlank(faultId, "faultId")
                .notNull(target, "target")
                .notNull(fault, "fault")
                .notNegative(duration, "duration");
        checks.require(target == null || target.agentId().equals(agentId), "target.agentId",
                "must be the agent the command is addressed to");
        checks.throwIfAny();
        duration = duration == null ? Duration.ZERO : duration;
    }

    /** Without the platform-target permission, as every command was before it existed. */
    public InjectFault(int schemaVersion, String messageId, String runId, Instant timestamp, String agentId,
            String faultId, TargetRef target, FaultSpec fault, Duration duration) {
        this(schemaVersion, messageId, runId, timestamp, agentId, faultId, target, fault, duration, false);
    }

    /** To be acted on at arrival, as every command was before {@code executeAt} existed. */
    public InjectFault(int schemaVersion, String messageId, String runId, Instant timestamp, String agentId,
            String faultId, TargetRef target, FaultSpec fault, Duration duration, boolean allowPlatformTargets) {
        this(schemaVersion, messageId, runId, timestamp, agentId, faultId, target, fault, duration,
                allowPlatformTargets, null);
    }

    public InjectFault withPlatformTargetsAllowed(boolean allowed) {
        return new InjectFault(schemaVersion, messageId, runId, timestamp, agentId, faultId, target, fault, duration,
                allowed, executeAt);
    }

    /** This command, to be carried out at {@code instant} (null: on arrival). */
    public InjectFault withExecuteAt(Instant instant) {
        return new InjectFault(schemaVersion, messageId, runId, timestamp, agentId, faultId, target, fault, duration,
                allowPlatformTargets, instant);
    }

    public static InjectFault of(String runId, String faultId, TargetRef target, FaultSpec fault, Duration duration,
            Instant now) {
        return new InjectFault(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, target.agentId(),
                faultId, target, fault, duration, false, null);
    }
}
