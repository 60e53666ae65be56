package dev.faultline.agent.testing;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.faultline.agent.fault.Target;
import dev.faultline.common.target.TargetRef;
import dev.faultline.testsupport.TestContainers;
import java.time.Duration;
import java.util.Map;

/**
 * Two demo-target containers on Docker's default bridge, both created by the test: a {@code target} (the service
 * under test) and a {@code dependency} it talks to (busybox httpd on 8080, standing in for a database or API).
 */
// Commands run in the containers avoid busybox wget -T: it segfaults in this image; busybox timeout bounds them.
public record DemoPair(TestContainers.Started target, TestContainers.Started dependency, String dependencyIp,
        long targetPid, long dependencyPid) {

    public static DemoPair start(TestContainers containers, String prefix) {
        TestContainers.Started dependency = containers.startDemoTarget(prefix + "-dep", Map.of());
        TestContainers.Started target = containers.startDemoTarget(prefix + "-target", Map.of());
        InspectContainerResponse dep = containers.docker().inspectContainerCmd(dependency.id()).exec();
        InspectContainerResponse tgt = containers.docker().inspectContainerCmd(target.id()).exec();
        String ip = dep.getNetworkSettings().getNetworks().values().iterator().next().getIpAddress();
        DemoPair pair = new DemoPair(target, dependency, ip, tgt.getState().getPidLong(), dep.getState().getPidLong());
        pair.awaitDependency();
        return pair;
    }

    public Target target(String faultId) {
        return new Target(new TargetRef("it-agent", target.id(), target.name()), target.id(), target.name(),
                targetPid, faultId);
    }

    public String dependencyUrl(String path) {
        return "http://" + dependencyIp + ":" + TestContainers.DEMO_TARGET_PORT + path;
    }

    /** The nat table (and all others) of the target's namespace, as iptables-save prints them. */
    public String targetIptables() {
        return ContainerShell.inNamespace(targetPid, java.util.List.of("iptables-save")).stdout();
    }

    private void awaitDependency() {
        await("the dependency " + dependencyUrl("/health") + " answers the target").atMost(Duration.ofSeconds(10))
                .until(() -> ContainerShell.exec(target.id(),
                        "timeout 3 wget -q -O /dev/null " + dependencyUrl("/health"), 5).exitCode() == 0);
    }
}
