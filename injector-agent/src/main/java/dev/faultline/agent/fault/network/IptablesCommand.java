package dev.faultline.agent.fault.network;

import dev.faultline.agent.fault.network.FaultChains.Hook;
import java.util.ArrayList;
import java.util.List;

/**
 * Arguments of {@code iptables} for a fault's rules in the filter table, built here so that they are checked and
 * unit-tested, never a shell string. Run them inside the target's namespace with {@link NetnsCommand}.
 */
public final class IptablesCommand {

    /** Waits for the xtables lock instead of failing when another tool holds it (iptables-legacy). */
    private static final List<String> BASE = List.of("iptables", "-w", "5", "-t", "filter");

    private IptablesCommand() {
    }

    public static List<String> newChain(String chain) {
        return with("-N", chain);
    }

    /** Appends {@code rule} to the fault's chain, tagged with the fault's comment. */
    public static List<String> append(FaultChains chains, IptablesRule rule) {
        List<String> args = new ArrayList<>(with("-A", chains.chain(rule.hook())));
        args.addAll(List.of("-m", "comment", "--comment", chains.tag()));
        args.addAll(rule.match());
        args.add("-j");
        args.addAll(rule.action());
        return List.copyOf(args);
    }

    /** Makes the built-in chain send every packet through the fault's chain first. */
    public static List<String> insertJump(FaultChains chains, Hook hook) {
        List<String> args = new ArrayList<>(with("-I", hook.name(), "1"));
        args.addAll(jumpSpec(chains, hook));
        return List.copyOf(args);
    }

    /** Removes one jump that {@link #insertJump} added; fails with "Bad rule" when there is none left. */
    public static List<String> deleteJump(FaultChains chains, Hook hook) {
        List<String> args = new ArrayList<>(with("-D", hook.name()));
        args.addAll(jumpSpec(chains, hook));
        return List.copyOf(args);
    }

    public static List<String> flushChain(String chain) {
        return with("-F", chain);
    }

    public static List<String> deleteChain(String chain) {
        return with("-X", chain);
    }

    /** Every rule of every table, as {@code iptables-save} prints it: what proves that nothing is left. */
    public static List<String> save() {
        return List.of("iptables-save");
    }

    public static List<String> version() {
        return List.of("iptables", "--version");
    }

    private static List<String> jumpSpec(FaultChains chains, Hook hook) {
        return List.of("-m", "comment", "--comment", chains.tag(), "-j", chains.chain(hook));
    }

    private static List<String> with(String... args) {
        List<String> all = new ArrayList<>(BASE);
        all.addAll(List.of(args));
        return List.copyOf(all);
    }
}
