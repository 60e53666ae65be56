package dev.faultline.agent.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The name of the host the agent runs on: the default agent id and the name in heartbeats. */
public final class HostName {

    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    private HostName() {
    }

    /** The kernel's host name when readable (no DNS lookup, which can hang), else Java's view of it. */
    public static String current() {
        try {
            String name = Files.readString(KERNEL_HOSTNAME).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | SecurityException notLinux) {
            // fall through to the portable way
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "faultline-agent";
        }
    }
}
