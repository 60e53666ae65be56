package dev.faultline.agent.fault.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.HostConfig;
import dev.faultline.agent.fault.ActiveFaults;
import dev.faultline.agent.fault.ExecutorRevertScheduler;
import dev.faultline.agent.fault.FaultExecutorRegistry;
import dev.faultline.agent.fault.FaultInjector;
import dev.faultline.agent.fault.FaultReverter;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.lease.LeaseTracker;
import dev.faultline.agent.ledger.FaultLedger;
import dev.faultline.agent.safety.PlatformGuard;
import dev.faultline.agent.testing.RealHost;
import dev.faultline.agent.testing.RecordingEventPublisher;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.fault.CpuStress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CpuStressExecutorIT {

    /** Half a CPU: Docker's --cpus 0.5 as a CFS quota of 50 ms per 100 ms period. */
    private static final long QUOTA_MICROS = 50_000;
    private static final long PERIOD_MICROS = 100_000;

    private final RealHost host = new RealHost();
    private final RecordingLauncher launcher = new RecordingLauncher(host);
    private final CpuStressExecutor executor = new CpuStressExecutor(launcher);

    @AfterEach
    void cleanUp() {
        launcher.stopAll();
        host.close();
    }

    @Test
    void burnsCpuInsideTheContainerUnderItsQuotaAndLeavesNothingAfterRevert() throws Exception {
        Target target = host.start("faultline-it-cpu", HostConfig.newHostConfig()
                .withCpuQuota(QUOTA_MICROS).withCpuPeriod(PERIOD_MICROS));
        CpuStress spec = new CpuStress(2, 100, Duration.ofSeconds(30));

        executor.apply(target, spec);
        StressProcess stress = launcher.last();
        List<Long> workers = StressAssertions.assertInsideTheContainer(host, target, stress);
        assertThat(workers).hasSize(2);

        long usageBefore = host.cgroupValue(target.pid(), "cpuacct", "cpuacct.usage");
        long t0 = System.nanoTime();
        Thread.sleep(1500); // the measurement window: CPU time the cgroup used over 1.5 s of wall time
        long usage = host.cgroupValue(target.pid(), "cpuacct", "cpuacct.usage") - usageBefore;
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpus = usage / 1e9 / wall;
        // Two workers want two CPUs; the container's quota allows half of one. Below the quota the host is busy
        // (2 shared cores), so only a clear effect is required; above it would mean the stress escaped the limit.
        assertThat(cpus).as("CPUs used by the container's cgroup during the stress").isBetween(0.15, 0.5 * 1.2);

        executor.revert(target, spec);

        StressAssertions.assertNothingLeft(host, target, stress, workers);
        executor.revert(target, spec);
    }

    @Test
    void theAgentRevertsItWhenTheCommandsDurationEnds() throws Exception {
        Target target = host.start("faultline-it-cpu-timed", HostConfig.newHostConfig());
        RecordingEventPublisher events = new RecordingEventPublisher();
        ActiveFaults active = new ActiveFaults(new ExecutorRevertScheduler());
        FaultLedger ledger = new FaultLedger(java.nio.file.Files.createTempDirectory("faultline-cpu-it-ledger-"));
        FaultReverter reverter = new FaultReverter("it-agent", active, ledger, events, Clock.systemUTC());
        FaultInjector injector = new FaultInjector(host.runtime, new FaultExecutorRegistry(List.of(executor)), active,
                reverter, ledger, new LeaseTracker(Duration.ofMinutes(5), Clock.systemUTC()),
                new PlatformGuard(java.util.Optional.empty()), FaultInjector.Limits.defaults(), events, Clock.systemUTC());

        injector.inject(InjectFault.of("run-it", "run-it-f0-0", target.ref(), new CpuStress(1, 50, null),
                Duration.ofSeconds(1), Instant.now()));

        assertThat(events.of(FaultInjected.class)).hasSize(1);
        StressProcess stress = launcher.last();
        List<Long> workers = StressAssertions.assertInsideTheContainer(host, target, stress);
        await("reverted when the 1 s duration ended").atMost(Duration.ofSeconds(5))
                .until(() -> !events.of(FaultReverted.class).isEmpty());
        assertThat(events.of(FaultReverted.class).get(0).cause()).isEqualTo("duration-ended");
        StressAssertions.assertNothingLeft(host, target, stress, workers);
        assertThat(active.size()).isZero();
    }

    /** The real launcher, remembering what it started so the test can look at it (and stop it if a test fails). */
    static final class RecordingLauncher extends StressLauncher {
        private final java.util.List<StressProcess> all = new java.util.concurrent.CopyOnWriteArrayList<>();

        RecordingLauncher(RealHost host) {
            super(host.cgroups, host.processes, host.runner);
        }

        @Override
        public StressProcess start(Target target, List<String> stressCommand) {
            StressProcess process = super.start(target, stressCommand);
            all.add(process);
            return process;
        }

        StressProcess last() {
            return all.get(all.size() - 1);
        }

        void stopAll() {
            all.forEach(this::stop);
        }
    }
}
