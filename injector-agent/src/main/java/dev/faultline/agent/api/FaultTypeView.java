package dev.faultline.agent.api;

/**
 * One fault type of the contract as this agent offers it.
 *
 * @param supported whether this agent can run it on this host
 * @param reason    why not, or {@code supported}
 */
public record FaultTypeView(String type, boolean supported, String reason) {
}
