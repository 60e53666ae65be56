package dev.faultline.agent.api;

/**
 * One fault type of the contract as this agent offers it.
 *
 * @param lasting   whether its effect lasts until reverted (a partition, a stop) rather than acting once (a kill):
 *                  what a crashed agent could leave behind
 * @param supported whether this agent can run it on this host
 * @param reason    why not, or {@code supported}
 */
public record FaultTypeView(String type, boolean lasting, boolean supported, String reason) {
}
