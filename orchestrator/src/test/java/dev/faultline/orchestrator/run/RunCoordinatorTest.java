package dev.faultline.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.command.RevertFault;
import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.event.RunFinished;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.experiment.SteadyState;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.fault.ContainerPause;
import dev.faultline.common.run.RunState;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.common.verdict.SloBreached;
import dev.faultline.orchestrator.agents.AgentDirectory;
import dev.faultline.orchestrator.dispatch.CommandPublisher;
import dev.faultline.orchestrator.dispatch.EventPublisher;
import dev.faultline.orchestrator.dispatch.PublishFailedException;
import dev.faultline.orchestrator.metrics.OrchestratorMetrics;
import dev.faultline.orchestrator.preflight.IntegrityPreflight;
import dev.faultline.orchestrator.preflight.MetricsPreflight;
import dev.faultline.orchestrator.targeting.BlastRadius;
import dev.faultline.orchestrator.targeting.TargetSelector;
import dev.faultline.orchestrator.testing.InMemoryRunStore;
import dev.faultline.orchestrator.testing.ManualTime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The coordinator's phases on a hand-moved clock: what goes out at each instant, and what an abort sends. */
class RunCoordinatorTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration WARMUP = Duration.ofSeconds(5);
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final ManualTime time = new ManualTime(T0);
    private final List<ChaosCommand> commands = new CopyOnWriteArrayList<>();
    private final List<ChaosEvent> events = new CopyOnWriteArrayList<>();
    private final InMemoryRunStore store = new InMemoryRunStore();
    private final RunRegistry registry = new RunRegistry();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private boolean commandsFail;

    /** A lasting pause of {@code web} and a one-shot kill of {@code db}, both at injectAt. */
    static Experiment experiment(boolean abortOnBreach) {
        return new Experiment("coordinated", "", WINDOW,
                new SteadyState(WARMUP, List.of(new HttpProbe("health", "http://127.0.0.1:1/health", 200,
                        Duration.ofMillis(100), null))),
                List.of(new FaultStep(new TargetSelection(new Selector("web", null), null, null, null),
                                new ContainerPause()),
                        new FaultStep(new TargetSelection(new Selector("db", null), null, null, null),
                                ContainerKill.sigkill())),
                new Slos(Duration.ofSeconds(30), 99.0, null, null, abortOnBreach));
    }

    @Test
    void aRunGoesThroughWarmUpInjectionObservationAndTheCloseOfItsWindow() {
        RunCoordinator coordinator = coordinator();

        Run run = coordinator.start(experiment(false));

        assertThat(events).singleElement().isInstanceOf(RunStarted.class);
        assertThat(commands).as("nothing is injected during the warm-up").isEmpty();
        assertThat(store.stored(run.id())).get().extracting(RunView::state).isEqualTo(RunState.RUNNING);

        time.advance(WARMUP.minusMillis(1));
        assertThat(commands).isEmpty();
        time.advance(Duration.ofMillis(1));
        assertThat(commands).hasSize(2).allSatisfy(c -> assertThat(c).isInstanceOf(InjectFault.class));

        time.advance(WINDOW.minusMillis(1));
        assertThat(run.state()).isEqualTo(RunState.RUNNING);
        time.advance(Duration.ofMillis(1));
        assertThat(run.state()).isEqualTo(RunState.FINISHED);
        assertThat(events).last().isInstanceOfSatisfying(RunFinished.class,
                f -> assertThat(f.finishedAt()).isEqualTo(T0.plus(WARMUP).plus(WINDOW)));
        assertThat(store.stored(run.id())).get().extracting(RunView::state).isEqualTo(RunState.FINISHED);
        assertThat(time.pendingTasks()).as("no step is left after the close of the window").isZero();
    }

    @Test
    void aScheduledRunNamesItsScheduleAndItsKindsOfAlertOnRunStartedAndAHandStartedOneNeither() {
        RunCoordinator coordinator = coordinator();

        coordinator.start(experiment(false), "sch-7", List.of("abort", "halt"));
        coordinator.start(experiment(false));

        assertThat(events).filteredOn(RunStarted.class::isInstance).map(RunStarted.class::cast)
                .extracting(RunStarted::scheduleId, RunStarted::alertOn).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sch-7", List.of("abort", "halt")),
                        org.assertj.core.groups.Tuple.tuple(null, null));
    }

    @Test
    void anSloBreachAbortsTheRunWithOneRevertPerLastingFaultAndNoLaterStep() {
        RunCoordinator coordinator = coordinator();
        Run run = coordinator.start(experiment(true));
        time.advance(WARMUP);
        commands.clear();

        coordinator.onSloBreached(breach(run));
        coordinator.onSloBreached(breach(run)); // the observer may report the same loss twice

        String pauseId = run.plan().stream().filter(f -> f.fault().lasting()).findFirst().orElseThrow().faultId();
        assertThat(commands).singleElement().isInstanceOfSatisfying(RevertFault.class,
                r -> assertThat(r.faultId()).isEqualTo(pauseId));
        assertThat(events).filteredOn(RunAborted.class::isInstance).singleElement()
                .extracting(e -> ((RunAborted) e).reason()).asString().startsWith("SLO breached: ");
        assertThat(run.state()).isEqualTo(RunState.ABORTED);
        assertThat(store.stored(run.id())).get().extracting(RunView::abortReason).asString()
                .startsWith("SLO breached: ");

        time.advance(WINDOW.plusSeconds(1));
        assertThat(events).noneMatch(RunFinished.class::isInstance);
        assertThat(commands).hasSize(1);
        assertThat(aborted("slo-breach")).as("one abort, however many breaches").isEqualTo(1);
    }

    @Test
    void aBreachIsOnlyLoggedWhenTheExperimentDoesNotAbortOnIt() {
        RunCoordinator coordinator = coordinator();
        Run run = coordinator.start(experiment(false));
        time.advance(WARMUP);
        commands.clear();

        coordinator.onSloBreached(breach(run));

        assertThat(run.state()).isEqualTo(RunState.RUNNING);
        assertThat(commands).isEmpty();
    }

    @Test
    void aRunAbortedDuringTheWarmUpInjectsNothing() {
        RunCoordinator coordinator = coordinator();
        Run run = coordinator.start(experiment(true));

        coordinator.onSloBreached(breach(run));
        time.advance(WARMUP.plus(WINDOW).plusSeconds(1));

        assertThat(commands).noneMatch(InjectFault.class::isInstance);
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void aFaultThatCannotBeSentAbortsTheRun() {
        RunCoordinator coordinator = coordinator();
        Run run = coordinator.start(experiment(false));
        commandsFail = true;

        time.advance(WARMUP);

        assertThat(run.state()).isEqualTo(RunState.ABORTED);
        assertThat(run.view().abortReason()).startsWith("could not send fault ");
        assertThat(events).last().isInstanceOf(RunAborted.class);
        assertThat(aborted("publish-failed")).isEqualTo(1);
    }

    @Test
    void aRunThatCannotBeStoredIsNotStarted() {
        InMemoryRunStore unavailable = new InMemoryRunStore() {
            @Override
            public void save(Run run) {
                throw new RunStore.RunStoreException("DynamoDB unreachable", null);
            }
        };
        RunCoordinator coordinator = new RunCoordinator(agents(), registry, planner(), commandPublisher(),
                eventPublisher(), time, integrity(), new MetricsPreflight(), unavailable, time,
                new OrchestratorMetrics(meters));

        assertThatThrownBy(() -> coordinator.start(experiment(false)))
                .isInstanceOf(RunStore.RunStoreException.class);
        time.advance(WARMUP.plus(WINDOW));

        assertThat(events).isEmpty();
        assertThat(commands).isEmpty();
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void theNextProcessAbortsTheRunsThePreviousOneWasDrivingAndRevertsTheirLastingFaults() {
        Run run = coordinator().start(experiment(false));
        time.advance(WARMUP);
        commands.clear();
        events.clear();

        RunCoordinator restarted = new RunCoordinator(agents(), new RunRegistry(), planner(), commandPublisher(),
                eventPublisher(), time, integrity(), new MetricsPreflight(), store, time, new OrchestratorMetrics(meters));
        List<Run> aborted = restarted.recover();
        restarted.announceRecovered(aborted);

        assertThat(aborted).extracting(Run::id).containsExactly(run.id());
        assertThat(store.stored(run.id())).get().satisfies(view -> {
            assertThat(view.state()).isEqualTo(RunState.ABORTED);
            assertThat(view.abortReason()).isEqualTo(RunCoordinator.RESTARTED_REASON);
        });
        assertThat(commands).singleElement().isInstanceOf(RevertFault.class);
        assertThat(events).singleElement().isInstanceOf(RunAborted.class);
        assertThat(restarted.recover()).as("the abort was stored: a second restart aborts nothing").isEmpty();
        assertThat(aborted("restart")).isEqualTo(1);
        assertThat(meters.get("faultline.runs.started").counter().count()).isEqualTo(1);
    }

    private double aborted(String cause) {
        return meters.get("faultline.runs.aborted").tag("cause", cause).counter().count();
    }

    private RunCoordinator coordinator() {
        return new RunCoordinator(agents(), registry, planner(), commandPublisher(), eventPublisher(), time,
                integrity(), new MetricsPreflight(), store, time, new OrchestratorMetrics(meters));
    }

    private AgentDirectory agents() {
        AgentDirectory agents = new AgentDirectory(time);
        agents.record(AgentHeartbeat.of("agent-1", "host-1", Duration.ofSeconds(30), List.of(
                new ContainerInfo("c-web", "web", "img", "running", Map.of(ContainerInfo.OPT_IN_LABEL, "true")),
                new ContainerInfo("c-db", "db", "img", "running", Map.of(ContainerInfo.OPT_IN_LABEL, "true"))),
                time.instant()));
        return agents;
    }

    private static RunPlanner planner() {
        return new RunPlanner(new TargetSelector(new SecureRandom()), new BlastRadius(10, 100));
    }

    private CommandPublisher commandPublisher() {
        return new CommandPublisher() {
            @Override
            public void publish(ChaosCommand command) {
                if (commandsFail) {
                    throw new PublishFailedException("broker unreachable", null);
                }
                commands.add(command);
            }
        };
    }

    private EventPublisher eventPublisher() {
        return new EventPublisher() {
            @Override
            public void publish(ChaosEvent event) {
                events.add(event);
            }
        };
    }

    private static IntegrityPreflight integrity() {
        return new IntegrityPreflight("127.0.0.1:1", Optional.empty(), "us-east-1");
    }

    private SloBreached breach(Run run) {
        return SloBreached.of(run.id(), "minAvailabilityPercent", "%", 99.0, 50.0, "half the probes failed", true,
                time.instant());
    }
}
