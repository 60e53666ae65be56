package dev.faultline.agent.testing;

import dev.faultline.agent.fault.ActiveFaults;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.FaultExecutorRegistry;
import dev.faultline.agent.fault.FaultInjector;
import dev.faultline.agent.fault.FaultReverter;
import dev.faultline.agent.fault.container.ContainerKillExecutor;
import dev.faultline.agent.fault.container.ContainerPauseExecutor;
import dev.faultline.agent.fault.container.ContainerStopExecutor;
import dev.faultline.agent.inbound.CommandRouter;
import dev.faultline.agent.lease.LeaseTracker;
import dev.faultline.agent.ledger.FaultLedger;
import dev.faultline.agent.ledger.LedgerRecovery;
import dev.faultline.agent.metrics.AgentMetrics;
import dev.faultline.agent.platform.TargetStateWatcher;
import dev.faultline.agent.safety.OptInPolicy;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.safety.PlatformGuard;
import dev.faultline.common.capability.Capability;
import dev.faultline.common.delivery.MessageDeduplicator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The agent's command path wired by hand around a fake host, as CDI wires it around Docker. */
public final class AgentFixture {

    public static final String AGENT_ID = "agent-a";
    public static final Duration LEASE = Duration.ofSeconds(15);

    public final FakeContainerRuntime runtime;
    public final RecordingEventPublisher events = new RecordingEventPublisher();
    public final MutableClock clock;
    public final ManualRevertScheduler scheduler;
    public final ActiveFaults activeFaults;
    public final FaultLedger ledger;
    public final LeaseTracker leases;
    public final FaultReverter reverter;
    public final FaultInjector injector;
    public final CommandRouter router;
    public final LedgerRecovery recovery;
    public final String agentId;
    /** What the agent's metrics recorded (AgentMetricsTest reads them). */
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final AgentMetrics metrics;

    private AgentFixture(boolean withExecutors, String agentId, Path ledgerDir, FakeContainerRuntime runtime,
            MutableClock clock, FaultInjector.Limits limits, Optional<String> ownContainer) {
        this.agentId = agentId;
        this.runtime = runtime;
        this.clock = clock;
        this.scheduler = new ManualRevertScheduler(clock);
        this.activeFaults = new ActiveFaults(scheduler);
        this.ledger = new FaultLedger(ledgerDir);
        this.leases = new LeaseTracker(LEASE, clock);
        this.metrics = new AgentMetrics(meters, agentId);
        metrics.watch(activeFaults, leases, FaultExecutorRegistry.knownTypes());
        this.reverter = new FaultReverter(agentId, activeFaults, ledger, events, clock, metrics);
        List<FaultExecutor<?>> executors = withExecutors
                ? List.of(new ContainerKillExecutor(runtime, new ProcessRunner()), new ContainerPauseExecutor(runtime, runtime),
                        new ContainerStopExecutor(runtime, runtime))
                : List.of();
        FaultExecutorRegistry registry = new FaultExecutorRegistry(executors);
        this.injector = new FaultInjector(runtime, registry, activeFaults, reverter, ledger, leases,
                new PlatformGuard(ownContainer), limits, events, clock, type -> Capability.available("supported"),
                TargetStateWatcher.NONE, OptInPolicy.labelOnly(), metrics);
        this.router = new CommandRouter(agentId, injector, reverter, activeFaults, leases, new MessageDeduplicator(100));
        this.recovery = new LedgerRecovery(ledger, runtime, registry, activeFaults, reverter);
    }

    /** With the agent's real container executors; Docker API kills, pauses and stops go to the fake runtime, which records them. */
    public static AgentFixture withRealExecutors() {
        return new AgentFixture(true, AGENT_ID, tempDir(), new FakeContainerRuntime(), new MutableClock(Commands.T0),
                FaultInjector.Limits.defaults(), Optional.empty());
    }

    /** With no executor at all: every fault type is unsupported. */
    public static AgentFixture withoutExecutors() {
        return new AgentFixture(false, AGENT_ID, tempDir(), new FakeContainerRuntime(), new MutableClock(Commands.T0),
                FaultInjector.Limits.defaults(), Optional.empty());
    }

    /** A customised agent: its own id, limits, own-container id. */
    public static AgentFixture with(String agentId, FaultInjector.Limits limits, Optional<String> ownContainer) {
        return new AgentFixture(true, agentId, tempDir(), new FakeContainerRuntime(), new MutableClock(Commands.T0),
                limits, ownContainer);
    }

    /** A new agent process on the same host, ledger and clock: what a restart after kill -9 looks like. */
    public AgentFixture restarted() {
        return new AgentFixture(true, agentId, ledger.dir(), runtime, clock, FaultInjector.Limits.defaults(),
                Optional.empty());
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("faultline-ledger-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
