package dev.faultline.agent.fault.network;

import dev.faultline.agent.fault.Target;
import dev.faultline.agent.fault.UnsupportedOnHostException;
import dev.faultline.agent.fault.network.FaultChains.Hook;
import dev.faultline.agent.process.ProcessFailedException;
import dev.faultline.agent.process.ProcessResult;
import dev.faultline.agent.process.ProcessRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jboss.logging.Logger;

/**
 * The network namespace of a target, as the network faults use it: install and remove a fault's tagged iptables
 * chains, add and remove a fault's root qdisc, list what is there. Every command runs through {@link ProcessRunner}
 * as {@code nsenter -t <pid> -n <host binary>}.
 *
 * <p>What the host cannot do is found at run time and reported as {@link UnsupportedOnHostException}: a missing
 * binary (checked once per binary), or an iptables extension or qdisc kind that the kernel or iptables lacks
 * (recognised in the error of the command that needed it).
 */
@ApplicationScoped
public class TargetNetwork {

    private static final Logger LOG = Logger.getLogger(TargetNetwork.class);
    /** Each of these commands returns at once; this only bounds a hung host. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** More jumps than this for one fault would mean something else keeps adding them. */
    private static final int MAX_JUMP_DELETES = 10;

    private static final List<String> UNSUPPORTED_MARKERS = List.of(
            "couldn't load match", "couldn't load target", "no chain/target/match by that name",
            "extension", "not supported", "specified qdisc kind is unknown", "failed to load tc action module",
            "unknown qdisc");

    private final ProcessRunner processes;
    private final ConcurrentMap<String, Boolean> toolPresent = new ConcurrentHashMap<>();

    @Inject
    public TargetNetwork(ProcessRunner processes) {
        this.processes = processes;
    }

    /**
     * Puts the fault's rules in place: its own chain per hook it uses, jumped to first from INPUT / OUTPUT.
     * Re-applying the same fault replaces its rules (the desired state), and a failure part-way removes what
     * was added before it throws.
     */
    public void installRules(Target target, FaultChains chains, List<IptablesRule> rules) {
        requireTool("nsenter", List.of("nsenter", "--version"));
        requireTool("iptables", IptablesCommand.version());
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a fault without rules does nothing");
        }
        removeRules(target, chains);
        Set<Hook> hooks = EnumSet.noneOf(Hook.class);
        rules.forEach(r -> hooks.add(r.hook()));
        try {
            for (Hook hook : hooks) {
                iptables(target, IptablesCommand.newChain(chains.chain(hook)));
            }
            for (IptablesRule rule : rules) {
                iptables(target, IptablesCommand.append(chains, rule));
            }
            // Jumps last: until now the chains were unreachable, so no packet saw half a fault.
            for (Hook hook : hooks) {
                iptables(target, IptablesCommand.insertJump(chains, hook));
            }
        } catch (RuntimeException e) {
            try {
                removeRules(target, chains);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Removes the fault's jumps and chains; what is not there is already reverted. */
    public void removeRules(Target target, FaultChains chains) {
        for (Hook hook : Hook.values()) {
            for (int i = 0; i < MAX_JUMP_DELETES; i++) {
                if (!runAllowingAbsent(target, IptablesCommand.deleteJump(chains, hook))) {
                    break;
                }
            }
            String chain = chains.chain(hook);
            if (runAllowingAbsent(target, IptablesCommand.flushChain(chain))) {
                runAllowingAbsent(target, IptablesCommand.deleteChain(chain));
            }
        }
    }

    /** Adds the fault's root qdisc on {@code device}; a device that already has one is refused. */
    public void addRootQdisc(Target target, String device, List<String> tcAdd) {
        requireTool("nsenter", List.of("nsenter", "--version"));
        requireTool("tc", TcCommand.version());
        try {
            run(target, tcAdd);
        } catch (ProcessFailedException e) {
            String message = e.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("nlm_f_replace") || message.contains("exclusivity flag")) {
                throw new IllegalStateException(device + " in " + target
                        + " already has a root qdisc (another fault, or shaping of its own); not replacing it: "
                        + qdiscs(target, device).strip(), e);
            }
            throw e;
        }
    }

    /** Deletes the root qdisc with {@code handle} if it is still there; a missing one is already reverted. */
    public void removeRootQdisc(Target target, String device, String handle) {
        String shown;
        try {
            shown = run(target, TcCommand.show(device)).stdout();
        } catch (ProcessFailedException e) {
            if (gone(e)) {
                return;
            }
            throw e;
        }
        if (TcCommand.rootKindWithHandle(shown, handle).isEmpty()) {
            LOG.debugf("no root qdisc %s: on %s of %s: already reverted", handle, device, target);
            return;
        }
        runAllowingAbsent(target, TcCommand.deleteRoot(device, handle));
    }

    /** {@code iptables-save} in the target's namespace. */
    public String iptablesSave(Target target) {
        return run(target, IptablesCommand.save()).stdout();
    }

    /** {@code tc qdisc show [dev device]} in the target's namespace. */
    public String qdiscs(Target target, String device) {
        return run(target, device == null ? TcCommand.showAll() : TcCommand.show(device)).stdout();
    }

    private void iptables(Target target, List<String> command) {
        run(target, command);
    }

    private ProcessResult run(Target target, List<String> command) {
        try {
            return processes.run(NetnsCommand.enter(target.pid(), command), COMMAND_TIMEOUT);
        } catch (ProcessFailedException e) {
            String message = e.getMessage().toLowerCase(Locale.ROOT);
            if (UNSUPPORTED_MARKERS.stream().anyMatch(message::contains) && !isRemoval(command)) {
                throw new UnsupportedOnHostException("this host's kernel or " + command.get(0)
                        + " lacks what the fault needs (" + String.join(" ", command) + "): " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** Runs a removal; returns false when there was nothing to remove (or no namespace any more). */
    private boolean runAllowingAbsent(Target target, List<String> command) {
        try {
            processes.run(NetnsCommand.enter(target.pid(), command), COMMAND_TIMEOUT);
            return true;
        } catch (ProcessFailedException e) {
            if (gone(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * "Not there" answers: iptables' for a missing rule or chain, tc's for a missing qdisc, nsenter's for a
     * namespace that went with its container (and took every rule in it along).
     */
    private static boolean gone(ProcessFailedException e) {
        String m = e.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("bad rule") || m.contains("no chain/target/match by that name")
                || m.contains("couldn't load target") || m.contains("does not exist")
                || m.contains("does a matching rule exist") || m.contains("cannot find device")
                || m.contains("invalid handle") || m.contains("cannot delete qdisc with handle of zero")
                || m.contains("no such file or directory") && m.contains("nsenter")
                || m.contains("no such process");
    }

    private static boolean isRemoval(List<String> command) {
        return command.contains("-D") || command.contains("-F") || command.contains("-X") || command.contains("del");
    }

    private void requireTool(String name, List<String> versionCommand) {
        boolean present = toolPresent.computeIfAbsent(name, n -> {
            try {
                processes.run(versionCommand, COMMAND_TIMEOUT);
                return true;
            } catch (ProcessFailedException e) {
                LOG.warnf("%s is not usable on this host: %s", n, e.getMessage());
                return false;
            }
        });
        if (!present) {
            throw new UnsupportedOnHostException(name + " is not installed or not usable on this host; network faults"
                    + " run the host's " + name + " inside the target's network namespace");
        }
    }

    /** The distinct addresses of a list, in order: duplicates would only add identical rules. */
    static List<String> distinct(List<String> addresses) {
        return List.copyOf(new LinkedHashSet<>(addresses));
    }
}
