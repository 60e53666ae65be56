package dev.faultline.agent.fault.network;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.common.fault.FaultSpec;
import java.util.List;
import java.util.Set;

/**
 * What every fault made of iptables rules in the target's network namespace shares: its rules go into the fault's
 * own chains ({@link FaultChains}, tagged with the fault id), and revert removes those chains, "not there" being
 * already reverted. A subclass only says which rules its spec means. Subclasses are {@code @Singleton} beans: the
 * final apply/revert cannot be proxied, and a stateless executor needs no proxy.
 */
public abstract class IptablesFaultExecutor<S extends FaultSpec> implements FaultExecutor<S> {

    protected final TargetNetwork network;

    protected IptablesFaultExecutor(TargetNetwork network) {
        this.network = network;
    }

    /** The fault's rules; peers named by container are resolved to addresses now, when the fault is applied. */
    protected abstract List<IptablesRule> rulesFor(S spec);

    /** Runs iptables inside the target's network namespace with the host's binaries. */
    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.NSENTER, HostFeature.IPTABLES);
    }

    @Override
    public final void apply(Target target, S spec) {
        network.installRules(target, new FaultChains(target.requireFaultId()), rulesFor(spec));
    }

    @Override
    public final void revert(Target target, S spec) {
        network.removeRules(target, new FaultChains(target.requireFaultId()));
    }
}
