package dev.faultline.common.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.faultline.common.Message;

/**
 * What the orchestrator asks of agents, on {@code chaos-commands}, keyed by {@link #agentId()} (which is
 * {@code *} for commands that every agent obeys).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = InjectFault.class, name = "inject-fault"),
        @JsonSubTypes.Type(value = RevertFault.class, name = "revert-fault"),
        @JsonSubTypes.Type(value = RenewLease.class, name = "renew-lease"),
        @JsonSubTypes.Type(value = HaltAll.class, name = "halt-all"),
})
public sealed interface ChaosCommand extends Message permits InjectFault, RevertFault, RenewLease, HaltAll {

    /** The agent that must act, or {@code *} for all of them. */
    String agentId();
}
