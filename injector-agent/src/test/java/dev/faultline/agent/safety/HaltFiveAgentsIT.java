package dev.faultline.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.faultline.agent.fault.ActiveFaults;
import dev.faultline.agent.fault.ExecutorRevertScheduler;
import dev.faultline.agent.fault.FaultExecutorRegistry;
import dev.faultline.agent.fault.FaultInjector;
import dev.faultline.agent.fault.FaultReverter;
import dev.faultline.agent.fault.container.ContainerKillExecutor;
import dev.faultline.agent.fault.container.ContainerPauseExecutor;
import dev.faultline.agent.inbound.CommandRouter;
import dev.faultline.agent.inbound.CommandVerifier;
import dev.faultline.agent.lease.LeaseTracker;
import dev.faultline.agent.ledger.FaultLedger;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.runtime.docker.DockerClientProducer;
import dev.faultline.agent.runtime.docker.DockerRuntime;
import dev.faultline.agent.testing.RecordingEventPublisher;
import dev.faultline.agent.testing.TestKeys;
import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.command.HaltAll;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.delivery.MessageDeduplicator;
import dev.faultline.common.event.AgentHalted;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.fault.ContainerPause;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.target.TargetRef;
import dev.faultline.testsupport.TestContainers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Five agents on the real Docker engine, three paused containers each, then one signed HaltAll delivered to all of
 * them at once (as the broadcast reaches every agent): every container must be running again, every agent must
 * report what it reverted, and the time from the halt to the last container thawed is measured.
 */
class HaltFiveAgentsIT {

    static final int AGENTS = 5;
    static final int FAULTS_PER_AGENT = 3;
    /** Generous for a loaded 2-core machine; a halt here typically takes well under a second. */
    static final Duration HALT_LIMIT = Duration.ofSeconds(20);

    private final TestContainers containers = new TestContainers();
    private final DockerClient docker = containers.docker();
    private final DockerRuntime runtime = new DockerRuntime(DockerClientProducer.create("unix:///var/run/docker.sock"));
    private final List<ExecutorRevertScheduler> schedulers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        containers.close();
    }

    @Test
    void haltRevertsEveryFaultOnEveryAgent() throws Exception {
        List<Agent> agents = new ArrayList<>();
        List<String> allTargets = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            Agent agent = new Agent("halt-it-agent-" + a);
            agents.add(agent);
            for (int f = 0; f < FAULTS_PER_AGENT; f++) {
                String id = containers.create(docker.createContainerCmd("faultline/busybox:local")
                        .withName("faultline-halt-it-" + a + "-" + f + "-" + System.nanoTime())
                        .withCmd("sleep", "600"), Map.of("faultline.enabled", "true"));
                docker.startContainerCmd(id).exec();
                allTargets.add(id);
                agent.route(InjectFault.of("run-halt-it", "f-" + a + "-" + f,
                        new TargetRef(agent.id, id, "c-" + a + "-" + f), new ContainerPause(), Duration.ZERO,
                        Instant.now()));
            }
            assertThat(agent.events.of(FaultInjected.class)).hasSize(FAULTS_PER_AGENT);
        }
        assertThat(allTargets).allMatch(this::paused);

        HaltAll halt = HaltAll.of("halt-it", "tester", Instant.now());
        String signed = ChaosJson.write(TestKeys.sign(halt, Instant.now()));
        ExecutorService deliveries = Executors.newFixedThreadPool(AGENTS);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (Agent agent : agents) {
            done.add(deliveries.submit(() -> agent.deliver(signed)));
        }
        for (Future<?> f : done) {
            f.get(HALT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        long haltMillis = (System.nanoTime() - start) / 1_000_000;
        deliveries.shutdownNow();

        assertThat(allTargets).as("containers still paused after the halt").noneMatch(this::paused);
        for (Agent agent : agents) {
            AgentHalted summary = agent.events.of(AgentHalted.class).get(0);
            assertThat(summary.haltMessageId()).isEqualTo(halt.messageId());
            assertThat(summary.reverted()).hasSize(FAULTS_PER_AGENT);
            assertThat(summary.failed()).isEmpty();
            assertThat(agent.events.of(FaultReverted.class)).hasSize(FAULTS_PER_AGENT)
                    .allMatch(r -> r.cause().equals("halted"));
            assertThat(agent.ledger.entries()).isEmpty();
        }
        System.out.printf("HALT: %d agents x %d faults reverted in %d ms (slowest agent reported %d ms)%n", AGENTS,
                FAULTS_PER_AGENT, haltMillis,
                agents.stream().mapToLong(a -> a.events.of(AgentHalted.class).get(0).tookMillis()).max().orElse(-1));
        assertThat(Duration.ofMillis(haltMillis)).isLessThan(HALT_LIMIT);
    }

    private boolean paused(String containerId) {
        return Boolean.TRUE.equals(docker.inspectContainerCmd(containerId).exec().getState().getPaused());
    }

    /** One agent's command path, wired as CDI wires it, on the real engine with its own ledger. */
    private final class Agent {
        final String id;
        final RecordingEventPublisher events = new RecordingEventPublisher();
        final FaultLedger ledger;
        final CommandRouter router;
        final CommandVerifier verifier;

        Agent(String id) throws Exception {
            this.id = id;
            Clock clock = Clock.systemUTC();
            ExecutorRevertScheduler scheduler = new ExecutorRevertScheduler();
            schedulers.add(scheduler);
            ActiveFaults active = new ActiveFaults(scheduler);
            Path dir = Files.createTempDirectory("faultline-halt-it-");
            this.ledger = new FaultLedger(dir);
            LeaseTracker leases = new LeaseTracker(Duration.ofMinutes(5), clock);
            FaultReverter reverter = new FaultReverter(id, active, ledger, events, clock);
            FaultExecutorRegistry registry = new FaultExecutorRegistry(List.of(
                    new ContainerKillExecutor(runtime, new ProcessRunner()), new ContainerPauseExecutor(runtime, runtime)));
            FaultInjector injector = new FaultInjector(runtime, registry, active, reverter, ledger, leases,
                    new PlatformGuard(Optional.empty()), FaultInjector.Limits.defaults(), events, clock);
            this.router = new CommandRouter(id, injector, reverter, active, leases, new MessageDeduplicator(100));
            this.verifier = new CommandVerifier(Optional.of(TestKeys.PAIR.getPublic()), Duration.ofSeconds(5),
                    Duration.ofMinutes(5), clock);
        }

        void route(ChaosCommand command) {
            router.route(command);
        }

        /** What the agent's consumer does with a record: verify, then route. */
        void deliver(String payload) {
            CommandVerifier.Verdict verdict = verifier.verify(payload);
            assertThat(verdict).isInstanceOf(CommandVerifier.Accepted.class);
            router.route(((CommandVerifier.Accepted) verdict).command());
        }
    }
}
