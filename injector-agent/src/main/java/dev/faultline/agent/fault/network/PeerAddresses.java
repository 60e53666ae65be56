package dev.faultline.agent.fault.network;

import dev.faultline.agent.runtime.docker.ContainerAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns a fault's peers (container names and CIDRs) into the addresses its rules name. Containers are resolved
 * when the fault is applied: a peer that restarts with a new address later is not followed.
 */
@ApplicationScoped
public class PeerAddresses {

    private final ContainerAddresses containers;

    @Inject
    public PeerAddresses(ContainerAddresses containers) {
        this.containers = containers;
    }

    /** The containers' addresses followed by the CIDRs, without duplicates. */
    public List<String> resolve(List<String> containerNames, List<String> cidrs) {
        List<String> all = new ArrayList<>();
        for (String name : containerNames) {
            all.addAll(containers.ipv4Addresses(name));
        }
        all.addAll(cidrs);
        return List.copyOf(new LinkedHashSet<>(all));
    }
}
