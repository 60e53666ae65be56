package dev.faultline.agent.fault.network;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.process.ProcessFailedException;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.proxy.ChunkDelay;
import dev.faultline.agent.proxy.DefaultRoute;
import dev.faultline.agent.proxy.DelayingTcpProxy;
import dev.faultline.agent.proxy.ProxyRedirector;
import dev.faultline.agent.proxy.RedirectCommands;
import dev.faultline.common.fault.DelayMethod;
import dev.faultline.common.fault.NetworkDelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * {@code network-delay}: the target's traffic to one endpoint arrives {@code delay ± jitter} late.
 *
 * <ul>
 * <li>netem (tc in the target's namespace, only packets to the endpoint) where the kernel has {@code sch_netem};</li>
 * <li>otherwise a {@link DelayingTcpProxy} on the host with the target's connections to the endpoint redirected to
 * it ({@link ProxyRedirector}). The proxy delays what the dependency sends back, per chunk, so each request/response
 * exchange takes {@code delay ± jitter} longer; netem delays the packets towards the endpoint, which adds the same
 * once per round trip.</li>
 * </ul>
 * {@code method: auto} tries netem and falls back to the proxy, saying why in the agent's log; {@code netem} fails
 * with the reason where the kernel lacks it; {@code proxy} never tries netem.
 */
@ApplicationScoped
public class NetworkDelayExecutor implements FaultExecutor<NetworkDelay> {

    private static final Logger LOG = Logger.getLogger(NetworkDelayExecutor.class);

    private final ProxyRedirector redirector;
    private final ProcessRunner processes;
    /** Set once tc has said the kernel has no netem; kernels do not grow modules while the agent runs. */
    private volatile boolean netemMissing;

    @Inject
    public NetworkDelayExecutor(ProxyRedirector redirector, ProcessRunner processes) {
        this.redirector = redirector;
        this.processes = processes;
    }

    /** Redirects the target's traffic to the proxy with a tagged DNAT rule inside its network namespace. */
    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.NSENTER, HostFeature.IPTABLES);
    }

    @Override
    public Class<NetworkDelay> specType() {
        return NetworkDelay.class;
    }

    @Override
    public void apply(Target target, NetworkDelay spec) {
        switch (spec.method()) {
            case PROXY -> proxy(target, spec);
            case NETEM -> netem(target, spec);
            case AUTO -> {
                if (netemMissing) {
                    proxy(target, spec);
                    return;
                }
                try {
                    netem(target, spec);
                } catch (NetemUnavailableException e) {
                    LOG.warnf("fault %s: %s; using the delaying proxy instead", target.faultId(), e.getMessage());
                    proxy(target, spec);
                }
            }
            default -> throw new IllegalArgumentException("unknown delay method " + spec.method());
        }
    }

    /** Removes whichever of the two this fault used; both are idempotent. */
    @Override
    public void revert(Target target, NetworkDelay spec) {
        if (spec.method() != DelayMethod.PROXY) {
            removeNetem(target);
        }
        redirector.restore(target);
    }

    private void proxy(Target target, NetworkDelay spec) {
        ChunkDelay delay = new ChunkDelay(spec.delay(), spec.jitter(), new SecureRandom());
        redirector.redirect(target, spec.host(), spec.port(),
                (listen, upstream) -> DelayingTcpProxy.start(listen, upstream, delay));
    }

    private void netem(Target target, NetworkDelay spec) {
        if (netemMissing) {
            throw noNetem(null);
        }
        DefaultRoute route = route(target);
        List<List<String>> commands = NetemDelayCommands.apply(target.pid(), route.device(),
                ProxyRedirector.resolve(spec.host()), spec.port(), spec.delay(), spec.jitter(), target.faultId());
        try {
            for (List<String> command : commands) {
                processes.run(command, ProxyRedirector.COMMAND_TIMEOUT);
            }
        } catch (ProcessFailedException e) {
            removeNetem(target);
            if (NetemDelayCommands.meansNoNetem(e.getMessage())) {
                netemMissing = true;
                throw noNetem(e);
            }
            throw e;
        }
    }

    private void removeNetem(Target target) {
        if (!Files.exists(Path.of("/proc", Long.toString(target.pid()), "ns", "net"))) {
            return; // the container is gone, and its qdiscs with it
        }
        DefaultRoute route = route(target);
        String shown = processes.run(NetemDelayCommands.show(target.pid(), route.device()),
                ProxyRedirector.COMMAND_TIMEOUT).stdout();
        if (NetemDelayCommands.rootPresent(shown, target.faultId())) {
            processes.run(NetemDelayCommands.deleteRoot(target.pid(), route.device()), ProxyRedirector.COMMAND_TIMEOUT);
        }
    }

    private DefaultRoute route(Target target) {
        return DefaultRoute.parse(processes.run(RedirectCommands.defaultRoute(target.pid()),
                ProxyRedirector.COMMAND_TIMEOUT).stdout());
    }

    private static NetemUnavailableException noNetem(Throwable cause) {
        return new NetemUnavailableException("this host's kernel has no sch_netem (tc: \"Specified qdisc kind is "
                + "unknown\"), so netem cannot delay traffic here; use method proxy (or auto)", cause);
    }
}
