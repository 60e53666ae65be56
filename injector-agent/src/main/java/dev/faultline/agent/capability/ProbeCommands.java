package dev.faultline.agent.capability;

import java.util.List;

/**
 * How the agent finds out what its host can do: each probe does the real thing in a throwaway network namespace
 * ({@code unshare --net}, gone when the command ends), because a tool being installed does not mean the kernel
 * has the module (this build machine's tc has netem, its kernel has no sch_netem).
 */
public final class ProbeCommands {

    private ProbeCommands() {
    }

    public static List<String> netem() {
        return List.of("unshare", "--net", "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms");
    }

    public static List<String> tbf() {
        return List.of("unshare", "--net", "tc", "qdisc", "add", "dev", "lo", "root", "tbf", "rate", "1mbit",
                "burst", "32kbit", "latency", "50ms");
    }

    public static List<String> iptables() {
        return List.of("unshare", "--net", "iptables", "-w", "-A", "OUTPUT", "-m", "statistic", "--mode", "random",
                "--probability", "0.5", "-m", "comment", "--comment", "faultline-probe", "-j", "DROP");
    }

    public static List<String> version(String tool) {
        return List.of(tool, "--version");
    }
}
