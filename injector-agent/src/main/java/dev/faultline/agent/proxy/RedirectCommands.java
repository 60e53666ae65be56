package dev.faultline.agent.proxy;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The host commands that send a target's TCP traffic for one endpoint to a proxy on the agent's host: an iptables
 * DNAT rule in the {@code nat OUTPUT} chain of the target's network namespace, tagged
 * {@code faultline:<faultId>} so that revert finds exactly its own rules. The proxy's own upstream connection
 * starts in the host's namespace, so the rule never redirects it.
 */
public final class RedirectCommands {

    public static final String TAG_PREFIX = "faultline:";
    private static final Pattern FAULT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

    private RedirectCommands() {
    }

    /** {@code ip -4 route show default} in the target's namespace: its gateway is the host's side of its network. */
    public static List<String> defaultRoute(long pid) {
        return inNamespace(pid, List.of("ip", "-4", "route", "show", "default"));
    }

    public static List<String> addDnat(long pid, Inet4Address endpoint, int port, Inet4Address proxy, int proxyPort,
            String faultId) {
        checkPort(port);
        checkPort(proxyPort);
        return inNamespace(pid, List.of("iptables", "-w", "5", "-t", "nat", "-A", "OUTPUT",
                "-d", endpoint.getHostAddress() + "/32", "-p", "tcp", "--dport", Integer.toString(port),
                "-m", "comment", "--comment", tag(faultId),
                "-j", "DNAT", "--to-destination", proxy.getHostAddress() + ":" + proxyPort));
    }

    /** The nat table of the target's namespace, in the form revert parses and the ITs assert on. */
    public static List<String> saveNat(long pid) {
        return inNamespace(pid, List.of("iptables-save", "-t", "nat"));
    }

    /**
     * One {@code iptables -D} per rule of {@code iptablesSave} tagged with this fault, in any chain of the nat
     * table. Other rules, including other faults' ones, are left alone.
     */
    public static List<List<String>> deleteTagged(long pid, String iptablesSave, String faultId) {
        String tag = tag(faultId);
        List<List<String>> deletes = new ArrayList<>();
        for (String line : iptablesSave.split("\n")) {
            List<String> words = words(line.strip());
            if (words.size() < 2 || !words.get(0).equals("-A")) {
                continue;
            }
            int comment = words.indexOf("--comment");
            if (comment < 0 || comment + 1 >= words.size() || !words.get(comment + 1).equals(tag)) {
                continue;
            }
            List<String> command = new ArrayList<>(List.of("iptables", "-w", "5", "-t", "nat", "-D"));
            command.addAll(words.subList(1, words.size()));
            deletes.add(inNamespace(pid, command));
        }
        return deletes;
    }

    public static String tag(String faultId) {
        if (faultId == null || !FAULT_ID.matcher(faultId).matches()) {
            throw new IllegalArgumentException("fault id must be 1-200 of A-Z a-z 0-9 . _ : -, was " + faultId);
        }
        return TAG_PREFIX + faultId;
    }

    static List<String> inNamespace(long pid, List<String> command) {
        if (pid <= 1) {
            throw new IllegalArgumentException("refusing to enter the namespace of pid " + pid);
        }
        List<String> all = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-n", "--"));
        all.addAll(command);
        return all;
    }

    /** Splits an iptables-save line into words; iptables-save double-quotes values with spaces. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted && i + 1 < line.length()) {
                word.append(line.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, was " + port);
        }
    }
}
