package dev.faultline.common.capability;

import java.util.Map;
import java.util.Optional;

/**
 * What an agent's host can do, as the agent measured it at start-up: the host features fault executors rely on
 * ({@code netem}, {@code iptables}, {@code stress-ng}, ...) and, for every fault type of the contract the agent
 * knows, whether it can run it here and why not. The orchestrator refuses a fault the chosen agent cannot run.
 *
 * @param dockerApiVersion the Docker engine's API version, e.g. {@code 1.41}; absent when it did not answer
 * @param cgroupVersion    {@code v1}, {@code v2} or {@code hybrid}
 * @param features         by feature name
 * @param faults           by fault type name
 */
public record AgentCapabilities(String dockerApiVersion, String cgroupVersion, Map<String, Capability> features,
        Map<String, Capability> faults) {

    public AgentCapabilities {
        features = features == null ? Map.of() : Map.copyOf(features);
        faults = faults == null ? Map.of() : Map.copyOf(faults);
    }

    /** Whether this agent can run the fault type, and why not; empty when it does not know the type at all. */
    public Optional<Capability> fault(String type) {
        return Optional.ofNullable(faults.get(type));
    }
}
