package dev.faultline.common.event;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import dev.faultline.common.target.TargetRef;
import java.time.Instant;

/**
 * A fault took effect on its target.
 *
 * @param injectedAt when the agent's action completed, on the agent's clock: the start of every recovery timeline
 * @param applyMillis how long the action took; the fault began somewhere in the {@code applyMillis} before
 *                    {@code injectedAt}
 * @param executeAt the instant the command asked for (InjectFault's {@code executeAt}, on the orchestrator's clock);
 *                  null when it asked for none (act on arrival)
 * @param receivedAt when the command reached the agent (after its signature was checked), on the agent's clock;
 *                   null in events of before it existed
 * @param lateMillis how long after {@code executeAt} the action began, as the agent's clock tells it: 0 when the
 *                   command came ahead and the agent acted on time (its own timer's error aside), more when the
 *                   command arrived after its instant and was acted on at once; null without {@code executeAt}
 */
public record FaultInjected(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String agentId,
        String faultId,
        String faultType,
        TargetRef target,
        Instant injectedAt,
        long applyMillis,
        Instant executeAt,
        Instant receivedAt,
        Long lateMillis) implements ChaosEvent {

    public FaultInjected {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true)
                .notBlank(agentId, "agentId")
                .notBlank(faultId, "faultId")
                .notBlank(faultType, "faultType")
                .notNull(target, "target")
                .notNull(injectedAt, "injectedAt")
                .require(applyMillis >= 0, "applyMillis", "must not be negative")
                .require(lateMillis == null || lateMillis >= 0, "lateMillis", "must not be negative")
                .throwIfAny();
    }

    /** Without the dispatch instants, as events were before they existed. */
    public FaultInjected(int schemaVersion, String messageId, String runId, Instant timestamp, String agentId,
            String faultId, String faultType, TargetRef target, Instant injectedAt, long applyMillis) {
        this(schemaVersion, messageId, runId, timestamp, agentId, faultId, faultType, target, injectedAt, applyMillis,
                null, null, null);
    }

    public static FaultInjected of(String runId, String faultId, String faultType, TargetRef target,
            Instant injectedAt, long applyMillis, Instant now) {
        return new FaultInjected(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, target.agentId(),
                faultId, faultType, target, injectedAt, applyMillis, null, null, null);
    }

    /** With the dispatch instants: what the command asked for, when it arrived, and how late the action began. */
    public static FaultInjected of(String runId, String faultId, String faultType, TargetRef target,
            Instant injectedAt, long applyMillis, Instant executeAt, Instant receivedAt, Long lateMillis,
            Instant now) {
        return new FaultInjected(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, target.agentId(),
                faultId, faultType, target, injectedAt, applyMillis, executeAt, receivedAt, lateMillis);
    }

    @Override
    public String key() {
        return runId;
    }
}
