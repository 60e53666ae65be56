package dev.faultline.agent.proxy;

import dev.faultline.agent.fault.Target;
import dev.faultline.agent.process.ProcessFailedException;
import dev.faultline.agent.process.ProcessRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jboss.logging.Logger;

/**
 * Puts a proxy between a target and one dependency endpoint: starts the proxy on the host, listening on the
 * gateway address of the target's network (the host's side of it), and adds a tagged DNAT rule in the target's
 * network namespace that sends the target's new connections to {@code host:port} to that proxy. The proxy's
 * upstream connections start in the host's namespace, where the rule does not apply.
 *
 * <p>Revert removes the rules tagged with the fault id (found in {@code iptables-save}, so it also cleans up after
 * an agent restart that lost the proxy) and closes the proxy. Connections opened before the rule keep their path.
 */
@ApplicationScoped
public class ProxyRedirector {

    private static final Logger LOG = Logger.getLogger(ProxyRedirector.class);
    /** For every host command of a redirect, and of the faults that use one. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final ProcessRunner processes;
    private final ConcurrentMap<String, LocalProxy> proxies = new ConcurrentHashMap<>();

    @Inject
    public ProxyRedirector(ProcessRunner processes) {
        this.processes = processes;
    }

    /** @return the running proxy; the target's traffic to {@code host:port} now goes through it */
    public LocalProxy redirect(Target target, String host, int port, LocalProxy.Factory factory) {
        refuseHostNamespace(target);
        Inet4Address endpoint = resolve(host);
        DefaultRoute route = DefaultRoute.parse(
                processes.run(RedirectCommands.defaultRoute(target.pid()), COMMAND_TIMEOUT).stdout());
        LocalProxy proxy = factory.start(new InetSocketAddress(route.gateway(), 0), new InetSocketAddress(endpoint, port));
        if (proxies.putIfAbsent(target.faultId(), proxy) != null) {
            proxy.close();
            throw new IllegalStateException("fault " + target.faultId() + " already has a proxy on this agent");
        }
        try {
            processes.run(RedirectCommands.addDnat(target.pid(), endpoint, port, route.gateway(),
                    proxy.address().getPort(), target.faultId()), COMMAND_TIMEOUT);
        } catch (RuntimeException e) {
            restore(target);
            throw e;
        }
        LOG.infof("fault %s: %s's connections to %s:%d go through the proxy at %s", target.faultId(), target.name(),
                endpoint.getHostAddress(), port, proxy.address());
        return proxy;
    }

    /** Removes this fault's rules from the target's namespace and stops its proxy; nothing left = done. */
    public void restore(Target target) {
        RuntimeException failure = null;
        try {
            removeRules(target);
        } catch (RuntimeException e) {
            failure = e;
        }
        // The proxy goes even when rule removal failed: a redirect to a closed port fails fast rather than lingering.
        LocalProxy proxy = proxies.remove(target.faultId());
        if (proxy != null) {
            proxy.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void removeRules(Target target) {
        String saved;
        try {
            saved = processes.run(RedirectCommands.saveNat(target.pid()), COMMAND_TIMEOUT).stdout();
        } catch (ProcessFailedException e) {
            if (!namespaceExists(target)) {
                return; // the container is gone, and its namespace with its rules
            }
            throw e;
        }
        for (List<String> delete : RedirectCommands.deleteTagged(target.pid(), saved, target.faultId())) {
            try {
                processes.run(delete, COMMAND_TIMEOUT);
            } catch (ProcessFailedException e) {
                if (!String.valueOf(e.getMessage()).contains("does a matching rule exist")) {
                    throw e;
                }
                // removed by someone else in the meantime: already reverted
            }
        }
    }

    private static boolean namespaceExists(Target target) {
        return Files.exists(Path.of("/proc", Long.toString(target.pid()), "ns", "net"));
    }

    /** A target in the host's namespace would have its DNAT apply to the proxy's own upstream connection too. */
    private static void refuseHostNamespace(Target target) {
        try {
            Path own = Files.readSymbolicLink(Path.of("/proc/self/ns/net"));
            Path theirs = Files.readSymbolicLink(Path.of("/proc", Long.toString(target.pid()), "ns", "net"));
            if (own.equals(theirs)) {
                throw new IllegalStateException(target.name() + " shares the agent's network namespace (host "
                        + "network): a redirect there would loop the proxy's own traffic; not possible for this target");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the network namespace of " + target + ": " + e.getMessage(), e);
        }
    }

    /** The endpoint's IPv4 address as the agent's host resolves it: the address the target's traffic goes to. */
    public static Inet4Address resolve(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address instanceof Inet4Address v4) {
                    return v4;
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve " + host + " on the agent's host: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(host + " has no IPv4 address; the redirect works for IPv4 only");
    }
}
