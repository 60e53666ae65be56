package dev.faultline.agent.fault.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a host binary inside a container's network namespace: {@code nsenter -t <pid> -n <command>}. Only the
 * network namespace is entered, so the host's iptables and tc act on the container's interfaces and rules, and the
 * container needs none of these tools.
 */
public final class NetnsCommand {

    private NetnsCommand() {
    }

    /**
     * @param pid     the container's main process as the host sees it; above 1 (1 is the host's own namespace)
     * @param command the command to run there, not empty
     */
    public static List<String> enter(long pid, List<String> command) {
        if (pid <= 1) {
            throw new IllegalArgumentException("refusing to enter the network namespace of pid " + pid
                    + ": only a container's process above 1");
        }
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("a command to run in the namespace is required");
        }
        List<String> args = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-n"));
        args.addAll(command);
        return List.copyOf(args);
    }
}
