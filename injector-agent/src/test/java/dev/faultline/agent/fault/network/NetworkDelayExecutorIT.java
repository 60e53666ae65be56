package dev.faultline.agent.fault.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.fault.Target;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.proxy.ProxyRedirector;
import dev.faultline.agent.testing.ContainerShell;
import dev.faultline.agent.testing.DemoPair;
import dev.faultline.common.fault.DelayMethod;
import dev.faultline.common.fault.NetworkDelay;
import dev.faultline.testsupport.TestContainers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * network-delay on real containers: a target and its dependency (busybox httpd), latency measured from inside the
 * target with busybox {@code time wget}.
 */
class NetworkDelayExecutorIT {

    private static final Duration DELAY = Duration.ofMillis(300);
    private static final int SAMPLES = 5;

    private final TestContainers containers = new TestContainers();
    private final ProxyRedirector redirector = new ProxyRedirector(new ProcessRunner());
    private final NetworkDelayExecutor executor = new NetworkDelayExecutor(redirector, new ProcessRunner());

    @AfterEach
    void removeContainers() {
        containers.close();
    }

    @Test
    void addsTheRequestedLatencyThroughTheProxyAndRevertLeavesNothing() {
        DemoPair pair = DemoPair.start(containers, "faultline-it-delay");
        String wget = "timeout 5 wget -q -O - " + pair.dependencyUrl("/health");
        long baseline = ContainerShell.median(ContainerShell.timeRuns(pair.target().id(), wget, SAMPLES));
        Target target = pair.target("delay-" + UUID.randomUUID());

        // auto: this kernel has no sch_netem, so the executor must notice and fall back to the proxy
        executor.apply(target, new NetworkDelay(pair.dependencyIp(), TestContainers.DEMO_TARGET_PORT, DELAY, null,
                DelayMethod.AUTO));
        InetSocketAddress proxy = proxyAddress(pair, target);
        List<Long> delayed = ContainerShell.timeRuns(pair.target().id(), wget, SAMPLES);
        long added = ContainerShell.median(delayed) - baseline;
        System.out.printf("network-delay: requested %d ms, baseline median %d ms, samples %s, added (median) %d ms%n",
                DELAY.toMillis(), baseline, delayed, added);
        assertThat(added).as("added latency, median of %s minus baseline %d ms", delayed, baseline)
                .isBetween(Math.round(DELAY.toMillis() * 0.8), Math.round(DELAY.toMillis() * 1.2));

        executor.revert(target, new NetworkDelay(pair.dependencyIp(), TestContainers.DEMO_TARGET_PORT, DELAY, null,
                DelayMethod.AUTO));
        assertNothingLeft(pair, target, proxy);
        long after = ContainerShell.median(ContainerShell.timeRuns(pair.target().id(), wget, 3));
        assertThat(after).as("latency after revert").isLessThan(baseline + 100);

        // reverting again is harmless
        executor.revert(target, new NetworkDelay(pair.dependencyIp(), TestContainers.DEMO_TARGET_PORT, DELAY, null,
                DelayMethod.AUTO));
    }

    @Test
    void netemOnlyFailsWithTheReasonOnAKernelWithoutNetemAndLeavesNothing() {
        DemoPair pair = DemoPair.start(containers, "faultline-it-netem");
        Target target = pair.target("netem-" + UUID.randomUUID());
        NetworkDelay spec = new NetworkDelay(pair.dependencyIp(), TestContainers.DEMO_TARGET_PORT, DELAY, null,
                DelayMethod.NETEM);
        // This build machine's kernel has no sch_netem: the executor must say so. Where it has one, apply and revert.
        try {
            executor.apply(target, spec);
            System.out.println("network-delay: this kernel has sch_netem; netem applied");
            executor.revert(target, spec);
        } catch (NetemUnavailableException e) {
            System.out.println("network-delay: method netem refused: " + e.getMessage());
            assertThat(e).hasMessageContaining("no sch_netem");
        }
        String qdiscs = ContainerShell.inNamespace(pair.targetPid(), List.of("tc", "qdisc", "show")).stdout();
        assertThat(qdiscs).as("tc qdiscs in the target's namespace").doesNotContain("htb").doesNotContain("netem");
        assertThat(pair.targetIptables()).doesNotContain(target.faultId());
    }

    private InetSocketAddress proxyAddress(DemoPair pair, Target target) {
        String nat = pair.targetIptables();
        String line = nat.lines().filter(l -> l.contains("faultline:" + target.faultId())).findFirst()
                .orElseThrow(() -> new AssertionError("no tagged DNAT rule in the target's namespace:\n" + nat));
        assertThat(line).contains("-d " + pair.dependencyIp() + "/32").contains("--dport 8080").contains("DNAT");
        String to = line.substring(line.indexOf("--to-destination ") + 17).split(" ")[0];
        String[] hostPort = to.split(":");
        return new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
    }

    static void assertNothingLeft(DemoPair pair, Target target, InetSocketAddress proxy) {
        String rules = pair.targetIptables();
        assertThat(rules).as("iptables-save of the target's namespace after revert").contains("*nat")
                .doesNotContain(target.faultId()).doesNotContain("DNAT");
        try (Socket socket = new Socket()) {
            socket.connect(proxy, 1000);
            throw new AssertionError("the proxy port " + proxy + " still accepts connections after revert");
        } catch (IOException refused) {
            // closed, as it must be
        }
    }
}
