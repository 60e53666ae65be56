package dev.faultline.agent.fault.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.agent.fault.Target;
import dev.faultline.agent.testing.RealHost;
import java.time.Duration;
import java.util.List;

/** What every stress IT proves: where stress-ng sat while it ran, and that nothing of it is left. */
final class StressAssertions {

    private StressAssertions() {
    }

    /** stress-ng and each of its workers are in exactly the container's cgroups, on every hierarchy. */
    static List<Long> assertInsideTheContainer(RealHost host, Target target, StressProcess stress)
            throws InterruptedException {
        String containerCgroups = host.processes.cgroups(target.pid()).orElseThrow();
        await("stress-ng forked its workers").atMost(Duration.ofSeconds(3))
                .until(() -> !host.processes.children(stress.pid()).isEmpty());
        List<Long> workers = host.processes.children(stress.pid());
        assertThat(host.processes.name(stress.pid())).as("the pid we started is stress-ng itself")
                .hasValueSatisfying(n -> assertThat(n).startsWith("stress-ng"));
        assertThat(host.processes.cgroups(stress.pid())).as("/proc/%d/cgroup", stress.pid())
                .contains(containerCgroups);
        for (long worker : workers) {
            assertThat(host.processes.cgroups(worker)).as("/proc/%d/cgroup (worker)", worker)
                    .contains(containerCgroups);
        }
        assertThat(host.cgroups.processesOf(target.pid())).as("the container's cgroup.procs")
                .contains(stress.pid()).containsAll(workers);
        return workers;
    }

    /** The stress-ng we started and its workers are gone, and the container holds only its own process again. */
    static void assertNothingLeft(RealHost host, Target target, StressProcess stress, List<Long> workers)
            throws InterruptedException {
        assertThat(host.processes.alive(stress.pid())).as("stress-ng %d", stress.pid()).isFalse();
        await("workers " + workers + " gone").atMost(Duration.ofSeconds(3))
                .until(() -> workers.stream().noneMatch(host.processes::alive));
        assertThat(host.cgroups.processesOf(target.pid())).as("processes left in the container")
                .containsExactly(target.pid());
        assertThat(stress.log()).doesNotExist();
    }
}
