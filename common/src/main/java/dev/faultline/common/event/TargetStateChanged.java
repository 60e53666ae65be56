package dev.faultline.common.event;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import dev.faultline.common.target.TargetRef;
import java.time.Instant;

/**
 * The platform said a fault's target went down, came up or changed health, while the fault was in effect or in the
 * observation after it: the target's own instants, beside which the observer places the service's recovery.
 *
 * @param faultId      the fault during (or after) which Docker reported the change
 * @param target       the container Docker reported on: the fault's target, or a replacement of the same Compose
 *                     service (another id and name)
 * @param dockerAction Docker's action as it wrote it ({@code die}, {@code start}, {@code health_status: healthy})
 * @param at           when it happened, on the Docker engine's clock (the agent's host), to the nanosecond when
 *                     the engine gives it
 */
public record TargetStateChanged(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String agentId,
        String faultId,
        TargetRef target,
        TargetState state,
        String dockerAction,
        Instant at) implements ChaosEvent {

    public TargetStateChanged {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true)
                .notBlank(agentId, "agentId")
                .notBlank(faultId, "faultId")
                .notNull(target, "target")
                .notNull(state, "state")
                .notBlank(dockerAction, "dockerAction")
                .notNull(at, "at")
                .throwIfAny();
    }

    public static TargetStateChanged of(String runId, String faultId, TargetRef target, TargetState state,
            String dockerAction, Instant at, Instant now) {
        return new TargetStateChanged(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now,
                target.agentId(), faultId, target, state, dockerAction, at);
    }

    @Override
    public String key() {
        return runId;
    }
}
