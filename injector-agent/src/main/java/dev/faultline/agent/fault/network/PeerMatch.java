package dev.faultline.agent.fault.network;

import dev.faultline.agent.fault.network.FaultChains.Hook;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * iptables match arguments for "traffic with these peers on these service ports", the selection that partition,
 * loss and reset faults share. A packet matches when its peer address is one of {@code addresses} (any when empty)
 * and its destination port is one of {@code ports} (any when empty). The peer is the source of what arrives
 * ({@link Hook#INPUT}) and the destination of what leaves ({@link Hook#OUTPUT}); the destination port is the
 * target's service port for arriving traffic and the peer's for leaving traffic.
 */
public final class PeerMatch {

    /** Protocols that have ports. */
    public enum Protocol {
        TCP, UDP;

        String arg() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private PeerMatch() {
    }

    /**
     * One match per address, port and protocol combination (iptables takes one address and one port per rule).
     * Without ports the rules match every protocol unless {@code protocols} restricts them.
     */
    public static List<List<String>> of(Hook hook, List<String> addresses, List<Integer> ports,
            List<Protocol> protocols) {
        String addressFlag = hook == Hook.INPUT ? "-s" : "-d";
        List<String> addressOptions = addresses.isEmpty() ? Arrays.asList((String) null) : addresses;
        List<Protocol> protocolOptions = !ports.isEmpty() || protocols.size() < Protocol.values().length
                ? protocols : Arrays.asList((Protocol) null);
        List<Integer> portOptions = ports.isEmpty() ? Arrays.asList((Integer) null) : ports;
        List<List<String>> matches = new ArrayList<>();
        for (String address : addressOptions) {
            for (Protocol protocol : protocolOptions) {
                for (Integer port : portOptions) {
                    List<String> match = new ArrayList<>();
                    if (protocol != null) {
                        match.addAll(List.of("-p", protocol.arg()));
                    }
                    if (address != null) {
                        match.addAll(List.of(addressFlag, address));
                    }
                    if (port != null) {
                        match.addAll(List.of("--dport", port.toString()));
                    }
                    matches.add(List.copyOf(match));
                }
            }
        }
        return List.copyOf(matches);
    }

    /** Both protocols that have ports. */
    public static List<Protocol> anyProtocol() {
        return List.of(Protocol.TCP, Protocol.UDP);
    }
}
