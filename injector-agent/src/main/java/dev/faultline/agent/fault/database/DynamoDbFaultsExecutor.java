package dev.faultline.agent.fault.database;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;


import dev.faultline.agent.proxy.ProxyRedirector;
import dev.faultline.common.fault.DynamoDbFaults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Set;

/**
 * {@code dynamodb-faults}: a {@link DynamoDbFaultProxy} on the host, with the target's connections to its DynamoDB
 * endpoint redirected to it (the same tagged DNAT as {@code network-delay}, so the target needs no configuration
 * change). The endpoint must be plain HTTP (DynamoDB Local, dynalite, a sidecar): a TLS endpoint such as
 * {@code dynamodb.<region>.amazonaws.com:443} hides the operation name from any proxy that does not terminate TLS.
 */
@ApplicationScoped
public class DynamoDbFaultsExecutor implements FaultExecutor<DynamoDbFaults> {

    private final ProxyRedirector redirector;

    @Inject
    public DynamoDbFaultsExecutor(ProxyRedirector redirector) {
        this.redirector = redirector;
    }

    /** Redirects the target's traffic to the proxy with a tagged DNAT rule inside its network namespace. */
    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.NSENTER, HostFeature.IPTABLES);
    }

    @Override
    public Class<DynamoDbFaults> specType() {
        return DynamoDbFaults.class;
    }

    @Override
    public void apply(Target target, DynamoDbFaults spec) {
        DynamoDbFaultPlan plan = new DynamoDbFaultPlan(spec.operations(), new SecureRandom());
        redirector.redirect(target, spec.host(), spec.port(),
                (listen, upstream) -> DynamoDbFaultProxy.start(listen, upstream, plan));
    }

    @Override
    public void revert(Target target, DynamoDbFaults spec) {
        redirector.restore(target);
    }
}
