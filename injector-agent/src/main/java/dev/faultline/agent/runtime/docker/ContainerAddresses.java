package dev.faultline.agent.runtime.docker;

import java.util.List;

/** The IPv4 addresses a container has on its networks: how network faults turn a peer's name into iptables rules. */
public interface ContainerAddresses {

    /**
     * @param containerName a container name or id on this host
     * @return its IPv4 addresses, one per network it is attached to
     * @throws IllegalArgumentException when the host has no such container or it has no address (not running,
     *                                  or network mode none/host)
     */
    List<String> ipv4Addresses(String containerName);
}
