package dev.faultline.orchestrator.run;

import dev.faultline.common.command.HaltAll;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.command.RevertFault;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.event.RunFinished;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.run.RunState;
import dev.faultline.common.verdict.RunProgress;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloBreached;
import dev.faultline.orchestrator.agents.AgentDirectory;
import dev.faultline.orchestrator.dispatch.CommandPublisher;
import dev.faultline.orchestrator.dispatch.EventPublisher;
import dev.faultline.orchestrator.dispatch.PublishFailedException;
import dev.faultline.orchestrator.metrics.OrchestratorMetrics;
import dev.faultline.orchestrator.metrics.OrchestratorMetrics.AbortCause;
import dev.faultline.orchestrator.preflight.IntegrityPreflight;
import dev.faultline.orchestrator.preflight.MetricsPreflight;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Drives runs through their phases, the controller deciding and the agents acting:
 * <ol>
 * <li>announce: plan the faults, store the run, publish RunStarted ({@link #start}), on which the observer starts
 * the experiment's load test (and it stops it at the run's end);</li>
 * <li>the timed phases of {@link RunSchedule}: warm-up, injection waves, observation, close of the window
 * (RunFinished), one step at a time on the {@link RunTimer} ({@link #proceed});</li>
 * <li>the end: the observer's verdict (COMPLETED), or an abort at any point before it ({@link #abort}), which reverts
 * the lasting faults once and publishes RunAborted.</li>
 * </ol>
 * Every move of a run goes through the shared lifecycle ({@link RunState}) and is stored in
 * the {@link RunStore} before its messages go out.
 */
@ApplicationScoped
public class RunCoordinator {

    private static final Logger LOG = Logger.getLogger(RunCoordinator.class);
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final AgentDirectory agents;
    private final RunRegistry runs;
    private final RunPlanner planner;
    private final CommandPublisher commands;
    private final EventPublisher events;
    private final RunTimer timer;
    private final IntegrityPreflight integrity;
    private final MetricsPreflight metrics;
    private final RunStore store;
    private final Clock clock;
    private final OrchestratorMetrics meters;

    /** Why a run that was active when the orchestrator died is ended by the next one (see {@link #recover}). */
    public static final String RESTARTED_REASON = "orchestrator restarted while the run was active";

    @Inject
    public RunCoordinator(AgentDirectory agents, RunRegistry runs, RunPlanner planner, CommandPublisher commands,
            EventPublisher events, RunTimer timer, IntegrityPreflight integrity,
            MetricsPreflight metrics, RunStore store, Clock clock, OrchestratorMetrics meters) {
        this.meters = meters;
        this.agents = agents;
        this.runs = runs;
        this.planner = planner;
        this.commands = commands;
        this.events = events;
        this.timer = timer;
        this.integrity = integrity;
        this.metrics = metrics;
        this.store = store;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent start) {
        List<Run> aborted = recover();
        if (aborted.isEmpty()) {
            return;
        }
        // Off the start-up thread: each announcement waits for Kafka's acknowledgement (up to 10 s when it is away).
        Thread announcer = new Thread(() -> announceRecovered(aborted), "faultline-run-recovery");
        announcer.setDaemon(true);
        announcer.start();
    }

    /**
     * Takes back the stored runs that had not ended. A run that was RUNNING cannot be resumed (its timers and lease renewals died with
     * the previous process), so it is ended here as ABORTED with {@link #RESTARTED_REASON}, stored before it
     * is registered (the lease renewer never sees it running); a FINISHED run keeps waiting for its verdict. Ended runs
     * stay in the store, which answers for them ({@link RunHistory}). The caller announces the aborts (reverts, RunAborted).
     *
     * @return the runs this call aborted
     */
    List<Run> recover() {
        List<Run> aborted = new java.util.ArrayList<>();
        for (Run run : store.loadActive(clock.instant())) {
            if (runs.find(run.id()).isPresent()) {
                continue;
            }
            if (run.abort(RESTARTED_REASON, clock.instant())) {
                LOG.errorf("run %s aborted: %s", run.id(), RESTARTED_REASON);
                meters.runAborted(AbortCause.RESTART);
                storeQuietly(run);
                aborted.add(run);
            }
            runs.add(run);
        }
        if (!aborted.isEmpty()) {
            LOG.warnf("%s: %d run(s) were active when the orchestrator stopped; aborted: %s", store.describe(),
                    aborted.size(), aborted.stream().map(Run::id).toList());
        }
        return aborted;
    }

    /**
     * Resolves the experiment's targets without any side effect, and checks what the run will need from the
     * orchestrator's host: the integrity read-back's store and topic are reachable, and the metrics endpoints the
     * observer will poll answer. The load test is not checked here: it runs on the observer's host, which reports one
     * that cannot start in the run's verdict.
     */
    public List<PlannedFault> dryRun(Experiment experiment) {
        List<PlannedFault> plan = planner.plan("dry-run", experiment, agents.live());
        if (experiment.integrity() != null) {
            integrity.requireReachable(experiment.integrity());
        }
        metrics.requireReachable(experiment);
        return plan;
    }

    public Run start(Experiment experiment) {
        return start(experiment, null, null);
    }

    /**
     * Starts a run of a schedule: its RunStarted names the schedule and the kinds of alert it asks for (null: the
     * reporter's configuration), which the reporter obeys for this run.
     */
    public Run start(Experiment experiment, String scheduleId, List<String> alertOn) {
        Run run = announce(experiment, scheduleId, alertOn);
        proceed(run, new ArrayDeque<>(RunSchedule.of(run)));
        return run;
    }

    /** Plans the run, stores it and publishes RunStarted; a run whose start cannot be stored or announced is refused. */
    private Run announce(Experiment experiment, String scheduleId, List<String> alertOn) {
        String runId = newRunId();
        List<PlannedFault> plan = planner.plan(runId, experiment, agents.live());
        Instant now = clock.instant();
        Instant injectAt = now.plus(experiment.steadyState().warmup());
        Instant observeUntil = injectAt.plus(experiment.duration());
        Run run = new Run(runId, experiment, plan, now, injectAt, observeUntil);
        // Stored before anything is sent: a run that a restart could not account for must not start.
        store.save(run);
        runs.add(run);
        try {
            RunStarted started = RunStarted.of(runId, experiment, plan, injectAt, observeUntil, now);
            events.publish(scheduleId == null ? started : started.fromSchedule(scheduleId, alertOn));
        } catch (PublishFailedException e) {
            runs.remove(runId);
            run.abort("RunStarted could not be published: " + e.getMessage(), clock.instant());
            storeQuietly(run);
            meters.runAborted(AbortCause.PUBLISH_FAILED);
            throw e;
        }
        meters.runStarted();
        LOG.infof("run %s started: experiment %s, %d fault(s), injecting at %s, observing until %s", runId,
                experiment.name(), plan.size(), injectAt, observeUntil);
        return run;
    }

    /**
     * Carries out the steps that are due, then waits on the timer for the next one: one pending step per run at a
     * time, in the schedule's order. A run that has ended takes no further step.
     */
    private void proceed(Run run, Deque<RunSchedule.Step> steps) {
        while (!steps.isEmpty() && !steps.peek().at().isAfter(clock.instant())) {
            if (run.state().terminal()) {
                return;
            }
            RunSchedule.Step step = steps.poll();
            if (step instanceof RunSchedule.InjectWave wave) {
                inject(run, wave.faults());
            } else if (step instanceof RunSchedule.CloseWindow) {
                closeWindow(run);
            }
        }
        if (!steps.isEmpty() && !run.state().terminal()) {
            timer.at(steps.peek().at(), () -> proceed(run, steps));
        }
    }

    public void onFaultInjected(FaultInjected event) {
        runs.find(event.runId()).ifPresent(run -> {
            run.faultInjected(event);
            storeQuietly(run);
        });
    }

    public void onFaultFailed(FaultFailed event) {
        runs.find(event.runId()).ifPresent(run -> {
            LOG.warnf("run %s: fault %s on %s failed: %s (%s)", run.id(), event.faultId(), event.target(),
                    event.reason(), event.detail());
            run.faultFailed(event);
            storeQuietly(run);
        });
    }

    public void onFaultReverted(FaultReverted event) {
        runs.find(event.runId()).ifPresent(run -> {
            run.faultReverted(event);
            storeQuietly(run);
        });
    }

    /** Kept on the run in memory only (see {@link Run#progressed}): nothing is stored for it. */
    public void onProgress(RunProgress progress) {
        runs.find(progress.runId()).ifPresent(run -> run.progressed(progress));
    }

    public void onVerdict(RunVerdict verdict) {
        runs.find(verdict.runId()).ifPresent(run -> {
            if (run.complete(verdict, clock.instant())) {
                storeQuietly(run);
                meters.runCompleted(verdict.verdict());
                LOG.infof("run %s: verdict %s", run.id(), verdict.verdict());
            }
        });
    }

    /**
     * The observer found an objective already lost. When the experiment says {@code slos.abortOnBreach}, the run is
     * aborted with the breach as its reason: its lasting faults are reverted now rather than at their end.
     */
    public void onSloBreached(SloBreached breach) {
        runs.find(breach.runId()).ifPresent(run -> {
            if (!run.breached(breach)) {
                return; // redelivered: recorded, and acted on, already
            }
            LOG.warnf("run %s: SLO %s breached: %s", run.id(), breach.objective(), breach.detail());
            storeQuietly(run);
            if (run.experiment().slos().abortOnBreach()) {
                abort(run, AbortCause.SLO_BREACH, "SLO breached: " + breach.objective() + ": " + breach.detail());
            }
        });
    }

    private void inject(Run run, List<PlannedFault> wave) {
        if (run.state() != RunState.RUNNING) {
            return; // the window closed before the wave was due
        }
        for (PlannedFault fault : wave) {
            try {
                commands.publish(InjectFault.of(run.id(), fault.faultId(), fault.target(), fault.fault(),
                        fault.duration(), clock.instant())
                        .withPlatformTargetsAllowed(run.experiment().platformTargetsAllowed()));
            } catch (PublishFailedException e) {
                abort(run, AbortCause.PUBLISH_FAILED, "could not send fault " + fault.faultId() + " to agent " + fault.target().agentId() + ": "
                        + e.getMessage());
                return;
            }
        }
    }

    private void closeWindow(Run run) {
        Instant now = clock.instant();
        if (!run.finish(now)) {
            return;
        }
        storeQuietly(run);
        try {
            events.publish(RunFinished.of(run.id(), now, run.injectedCount(), run.failedCount(), now));
        } catch (PublishFailedException e) {
            abort(run, AbortCause.PUBLISH_FAILED, "could not announce the end of the run: " + e.getMessage());
        }
    }

    /**
     * Emergency stop: every agent reverts every active fault (HaltAll), and every run that has not ended is
     * aborted. The HaltAll goes first: reverting is what matters, the bookkeeping follows.
     */
    public HaltResult haltAll(String operator, String reason) {
        HaltAll halt = HaltAll.of(reason, operator, clock.instant());
        commands.publish(halt);
        List<String> aborted = new java.util.ArrayList<>();
        for (Run run : runs.all()) {
            if (!run.state().terminal() && abort(run, AbortCause.HALT, "halted by " + operator + ": " + reason, operator,
                    false)) {
                aborted.add(run.id());
            }
        }
        LOG.warnf("HALT by %s (%s): HaltAll %s sent, %d run(s) aborted", operator, reason, halt.messageId(),
                aborted.size());
        return new HaltResult(halt.messageId(), halt.timestamp(), aborted);
    }

    /**
     * An operator ends one run before its verdict: its lasting faults are reverted now and RunAborted goes out, as
     * for any abort. {@code false} when the run had already ended (nothing is sent then).
     */
    public boolean abortRun(Run run, String operator, String reason) {
        return abort(run, AbortCause.OPERATOR, "aborted by " + operator + ": " + reason, operator, true);
    }

    /** What a halt did: the HaltAll's id (agents' AgentHalted events carry it) and the runs it aborted. */
    public record HaltResult(String haltMessageId, Instant haltedAt, List<String> abortedRuns) {
    }

    private void abort(Run run, AbortCause cause, String reason) {
        abort(run, cause, reason, "orchestrator", true);
    }

    /**
     * Ends the run as ABORTED, stores it, and sends what the abort owes: one revert per lasting fault (unless a
     * HaltAll covers them) and RunAborted. An abort of an ended run does nothing, so however many causes race to
     * abort a run (a breach, a failed send, a halt), its faults get one revert fan-out.
     *
     * @return whether this call aborted the run (it was not already ended)
     */
    private boolean abort(Run run, AbortCause cause, String reason, String operator, boolean revertFaults) {
        if (!run.abort(reason, clock.instant())) {
            return false;
        }
        meters.runAborted(cause);
        LOG.errorf("run %s aborted: %s", run.id(), reason);
        storeQuietly(run);
        announceAbort(run, reason, operator, revertFaults);
        return true;
    }

    /** Announces the aborts of {@link #recover}: the agents revert the runs' faults at once, not at lease expiry. */
    void announceRecovered(List<Run> aborted) {
        aborted.forEach(run -> announceAbort(run, RESTARTED_REASON, "orchestrator", true));
    }

    /** Sends what an abort owes the agents and the other services: reverts of lasting faults, then RunAborted. */
    private void announceAbort(Run run, String reason, String operator, boolean revertFaults) {
        if (revertFaults) {
            // The lease would revert them too once renewals stop; asking now makes the abort take effect at once.
            for (PlannedFault fault : run.plan()) {
                if (!fault.fault().lasting()) {
                    continue;
                }
                try {
                    commands.publish(RevertFault.of(run.id(), fault.faultId(), fault.target(), clock.instant()));
                } catch (PublishFailedException e) {
                    LOG.errorf("run %s: could not ask for the revert of %s (the lease will expire): %s", run.id(),
                            fault.faultId(), e.getMessage());
                }
            }
        }
        try {
            events.publish(RunAborted.of(run.id(), reason, operator, clock.instant()));
        } catch (PublishFailedException e) {
            LOG.errorf("run %s: could not publish RunAborted either: %s", run.id(), e.getMessage());
        }
    }

    /**
     * Stores a transition. A failure is logged, not thrown: the transition has happened and its messages must still
     * go out; the store is then one step behind, which a restart resolves conservatively (a run it still thinks
     * RUNNING is aborted).
     */
    private void storeQuietly(Run run) {
        try {
            store.save(run);
        } catch (RunStore.RunStoreException e) {
            LOG.errorf("run %s: %s", run.id(), e.getMessage());
        }
    }

    private String newRunId() {
        return "run-" + RUN_ID_TIME.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
