package dev.faultline.agent.api;

/**
 * One fault type of the contract as this agent offers it.
 *
 * @param supported whether this agent has an executor for it
 */
public record FaultTypeView(String type, boolean supported) {
}
