package dev.faultline.common.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.faultline.common.Message;

/**
 * What happened, on {@code chaos-events}: the public stream that alerting pipelines outside Faultline follow.
 * Changes here must stay backward compatible and be documented in docs/events.md.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = FaultInjected.class, name = "fault-injected"),
        @JsonSubTypes.Type(value = FaultReverted.class, name = "fault-reverted"),
        @JsonSubTypes.Type(value = FaultFailed.class, name = "fault-failed"),
        @JsonSubTypes.Type(value = RunStarted.class, name = "run-started"),
        @JsonSubTypes.Type(value = RunFinished.class, name = "run-finished"),
        @JsonSubTypes.Type(value = RunAborted.class, name = "run-aborted"),
        @JsonSubTypes.Type(value = AgentHeartbeat.class, name = "agent-heartbeat"),
        @JsonSubTypes.Type(value = CommandRejected.class, name = "command-rejected"),
        @JsonSubTypes.Type(value = AgentHalted.class, name = "agent-halted"),
        @JsonSubTypes.Type(value = TargetStateChanged.class, name = "target-state-changed"),
        @JsonSubTypes.Type(value = RunScheduled.class, name = "run-scheduled"),
        @JsonSubTypes.Type(value = RunSkipped.class, name = "run-skipped"),
})
public sealed interface ChaosEvent extends Message
        permits FaultInjected, FaultReverted, FaultFailed, RunStarted, RunFinished, RunAborted, AgentHeartbeat,
        CommandRejected, AgentHalted, TargetStateChanged, RunScheduled, RunSkipped {

    /** The Kafka key: the run id, or the agent id (the schedule id) for messages that belong to no run. */
    String key();
}
