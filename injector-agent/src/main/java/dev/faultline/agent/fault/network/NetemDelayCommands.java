package dev.faultline.agent.fault.network;

import dev.faultline.agent.proxy.RedirectCommands;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * tc commands that delay a namespace's traffic to one endpoint with netem, for kernels that have {@code sch_netem}:
 * an htb root whose only class holds the netem qdisc, and a u32 filter that sends packets for {@code ip:port} into
 * it (everything else bypasses the class). The root's handle is derived from the fault id: that is the tag revert
 * looks for before it deletes the root.
 */
public final class NetemDelayCommands {

    private NetemDelayCommands() {
    }

    /** An even major handle in 0x100..0xfffe from the fault id; the netem qdisc takes the odd one after it. */
    public static int rootHandle(String faultId) {
        RedirectCommands.tag(faultId); // same rules for a valid fault id
        return 0x100 + (Math.floorMod(faultId.hashCode(), 0x7f00)) * 2;
    }

    public static List<List<String>> apply(long pid, String device, Inet4Address endpoint, int port, Duration delay,
            Duration jitter, String faultId) {
        if (delay.isNegative() || delay.isZero() || jitter.isNegative()) {
            throw new IllegalArgumentException("delay must be positive and jitter not negative");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, was " + port);
        }
        String root = hex(rootHandle(faultId));
        String netem = hex(rootHandle(faultId) + 1);
        List<String> netemArgs = new ArrayList<>(List.of("tc", "qdisc", "add", "dev", device, "parent", root + ":2",
                "handle", netem + ":", "netem", "delay", micros(delay)));
        if (!jitter.isZero()) {
            netemArgs.add(micros(jitter));
        }
        return List.of(
                NetnsCommand.enter(pid, List.of("tc", "qdisc", "add", "dev", device, "root", "handle",
                        root + ":", "htb")),
                NetnsCommand.enter(pid, List.of("tc", "class", "add", "dev", device, "parent", root + ":",
                        "classid", root + ":2", "htb", "rate", "10gbit")),
                NetnsCommand.enter(pid, netemArgs),
                NetnsCommand.enter(pid, List.of("tc", "filter", "add", "dev", device, "parent", root + ":",
                        "protocol", "ip", "prio", "1", "u32", "match", "ip", "dst", endpoint.getHostAddress() + "/32",
                        "match", "ip", "dport", Integer.toString(port), "0xffff", "flowid", root + ":2")));
    }

    public static List<String> show(long pid, String device) {
        return NetnsCommand.enter(pid, List.of("tc", "qdisc", "show", "dev", device));
    }

    /** Whether {@code tc qdisc show} lists this fault's root. */
    public static boolean rootPresent(String tcShow, String faultId) {
        String marker = "qdisc htb " + hex(rootHandle(faultId)) + ": root";
        return tcShow.lines().anyMatch(line -> line.strip().startsWith(marker));
    }

    public static List<String> deleteRoot(long pid, String device) {
        return NetnsCommand.enter(pid, List.of("tc", "qdisc", "del", "dev", device, "root"));
    }

    /** tc's answer when the kernel lacks sch_netem (iproute2 6.x, and the older wording). */
    public static boolean meansNoNetem(String message) {
        return message != null && (message.contains("Specified qdisc kind is unknown")
                || message.contains("Unknown qdisc \"netem\""));
    }

    private static String hex(int handle) {
        return Integer.toHexString(handle);
    }

    private static String micros(Duration d) {
        return (d.toNanos() / 1000) + "us";
    }
}
