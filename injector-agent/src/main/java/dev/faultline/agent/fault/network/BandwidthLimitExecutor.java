package dev.faultline.agent.fault.network;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.common.fault.BandwidthLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * {@code bandwidth-limit}: a token bucket filter ({@code tbf}) as the root qdisc of the target's interface, with a
 * handle derived from the fault id. It shapes what the target sends (egress); see {@link BandwidthLimit} for why
 * ingress is not shaped.
 */
@ApplicationScoped
public class BandwidthLimitExecutor implements FaultExecutor<BandwidthLimit> {

    private final TargetNetwork network;

    @Inject
    public BandwidthLimitExecutor(TargetNetwork network) {
        this.network = network;
    }

    /** Runs iptables/tc inside the target's network namespace with the host's binaries. */
    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.NSENTER, HostFeature.TC_TBF);
    }

    @Override
    public Class<BandwidthLimit> specType() {
        return BandwidthLimit.class;
    }

    @Override
    public void apply(Target target, BandwidthLimit spec) {
        String handle = TcCommand.handleFor(target.requireFaultId());
        // A repeated apply replaces the fault's own qdisc (the desired state) instead of failing on it.
        network.removeRootQdisc(target, spec.device(), handle);
        network.addRootQdisc(target, spec.device(), TcCommand.addTokenBucket(spec.device(), handle,
                spec.rateBitsPerSecond(), spec.burst(), spec.latency()));
    }

    @Override
    public void revert(Target target, BandwidthLimit spec) {
        network.removeRootQdisc(target, spec.device(), TcCommand.handleFor(target.requireFaultId()));
    }
}
