package dev.faultline.observer.run;

import dev.faultline.common.delivery.MessageDeduplicator;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.event.RunFinished;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.event.TargetStateChanged;
import dev.faultline.common.experiment.AdaptiveProbing;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.experiment.Probe;
import dev.faultline.common.experiment.ServiceTarget;
import dev.faultline.common.run.RunState;
import dev.faultline.common.verdict.IntegrityReport;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.observer.integrity.IntegrityReader;
import dev.faultline.observer.load.AcknowledgedWrite;
import dev.faultline.observer.load.AcknowledgedWritesFile;
import dev.faultline.observer.load.LoadResponse;
import dev.faultline.observer.load.LoadResultsFile;
import dev.faultline.observer.load.LoadTestLauncher;
import dev.faultline.observer.outbound.VerdictPublisher;
import dev.faultline.observer.patterns.MetricsPoller;
import dev.faultline.observer.probe.ProbeScheduler;
import dev.faultline.observer.probe.ScheduledProbe;
import dev.faultline.observer.scaling.DockerReplicaEvents;
import dev.faultline.observer.scaling.ReplicaSource;
import dev.faultline.observer.scaling.ScalingObserver;
import dev.faultline.observer.service.ServiceSampler;
import dev.faultline.observer.telemetry.ObserverMetrics;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows runs from {@link RunStarted} to {@link RunFinished} or {@link RunAborted}: probes and runs the experiment's
 * load test while they run, publishing each run's progress ({@link dev.faultline.common.verdict.RunProgress}) about
 * every second, then judges and publishes the verdict and forgets them. Never blocks the caller: waiting for the last
 * probe answers happens on the probe threads.
 */
@ApplicationScoped
@Startup // creates the probe scheduler and its HTTP client at start-up, not while the first run is probing
public class RunObserver {

    private static final Logger LOG = Logger.getLogger(RunObserver.class);

    /** A run whose end never came is dropped this long after its window closed, so that memory stays bounded. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
    /** The fastest a service is sampled. */
    static final Duration MIN_SERVICE_INTERVAL = Duration.ofMillis(100);
    /** Adaptive probing begins this long before a planned transition (see {@link #plannedTransitions}). */
    static final Duration PLANNED_LEAD = Duration.ofMillis(100);

    private final ConcurrentMap<String, RunObservation> runs = new ConcurrentHashMap<>();
    /**
     * Runs whose end this process has seen: a second end (RunFinished, then a RunAborted) is not a second missed run.
     * A RunStarted whose window had closed does not count: when the end that follows is recent, the observer was
     * down during the run and owes it a verdict that says so. Bounded, like the message de-duplication.
     */
    private final MessageDeduplicator known = new MessageDeduplicator(10_000);
    private final Clock clock;
    private final ProbeScheduler scheduler;
    private final VerdictPublisher publisher;
    private final LoadTestLauncher loadTests;
    private final IntegrityReaders integrity;
    /** How often an observed run's progress is published; zero publishes none. */
    private final Duration progressInterval;
    private final ObserverMetrics metrics;
    private final ServiceSampler services;
    /** The {@code scaling:} sections' replicas, activity feeds and verdicts. */
    private final ScalingObserver scaling;
    /**
     * Computes and publishes the runs' progress, off the probe tick thread (which only issues requests). One task per
     * observed run, cancelled when the run ends; each also ends itself once the run's window has closed.
     */
    private final ScheduledExecutorService progressReports = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faultline-run-progress");
        t.setDaemon(true);
        return t;
    });
    /** Post-run work that blocks (reading files, DynamoDB, Kafka), one run at a time, off the probe threads. */
    private final ExecutorService afterRun = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "faultline-after-run");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public RunObserver(Clock clock, ProbeScheduler scheduler, VerdictPublisher publisher,
            LoadTestLauncher loadTests, IntegrityReaders integrity,
            @ConfigProperty(name = "faultline.progress.interval", defaultValue = "1s") Duration progressInterval,
            ObserverMetrics metrics, ServiceSampler services,
            @ConfigProperty(name = "faultline.docker.host", defaultValue = "unix:///var/run/docker.sock")
            String dockerHost) {
        if (progressInterval.isNegative()) {
            throw new IllegalArgumentException("faultline.progress.interval must not be negative, was "
                    + progressInterval);
        }
        this.clock = clock;
        this.scheduler = scheduler;
        this.publisher = publisher;
        this.loadTests = loadTests;
        this.integrity = integrity;
        this.progressInterval = progressInterval;
        this.metrics = metrics;
        this.services = services;
        this.scaling = new ScalingObserver(memoized(() -> DockerReplicaEvents.at(dockerHost)), scheduler.httpClient(),
                afterRun);
        metrics.watchActiveRuns(runs::size);
    }

    public void onEvent(ChaosEvent event) {
        if (event instanceof RunStarted started) {
            start(started);
        } else if (event instanceof FaultInjected injected) {
            withRun(injected.runId(), run -> run.injected(injected));
        } else if (event instanceof FaultFailed failed) {
            withRun(failed.runId(), run -> run.failed(failed));
        } else if (event instanceof TargetStateChanged changed) {
            withRun(changed.runId(), run -> run.platformState(changed));
        } else if (event instanceof RunFinished finished) {
            finish(finished.runId(), finished.timestamp(), null);
        } else if (event instanceof RunAborted aborted) {
            finish(aborted.runId(), aborted.timestamp(), aborted.reason());
        }
    }

    /** Whether a run is being observed; for health and tests. */
    public boolean observing(String runId) {
        return runs.containsKey(runId);
    }

    private void start(RunStarted event) {
        Instant now = clock.instant();
        forgetAbandoned(now);
        if (!event.observeUntil().isAfter(now)) {
            LOG.infof("run %s: ignoring RunStarted, its window closed at %s (a replay)", event.runId(),
                    event.observeUntil());
            return;
        }
        RunObservation run = new RunObservation(event, clock, breach -> {
            LOG.warnf("run %s: SLO %s breached: %s", breach.runId(), breach.objective(), breach.detail());
            publisher.publish(breach);
            metrics.sloBreached();
        });
        if (runs.putIfAbsent(event.runId(), run) != null) {
            LOG.debugf("run %s: already observed", event.runId());
            return;
        }
        metrics.runObserved();
        Experiment experiment = event.experiment();
        if (experiment.load() != null) {
            startLoad(run, now);
        }
        scaling.started(event.runId(), experiment);
        AdaptiveProbing adaptive = experiment.steadyState().adaptive();
        List<Instant> planned = plannedTransitions(event);
        for (Probe probe : experiment.steadyState().probes()) {
            ScheduledProbe scheduled = scheduler.start(probe, event.observeUntil(), run::record, Duration.ZERO,
                    adaptive, run::recordFast);
            planned.forEach(at -> scheduled.hasten(at.minus(PLANNED_LEAD), at.plus(adaptive.after())));
            run.probing(scheduled);
        }
        if (MetricsPoller.needed(experiment.loadBalancer(), experiment.resilience())) {
            long fastest = experiment.steadyState().probes().stream().mapToLong(p -> p.interval().toMillis()).min()
                    .orElse(250);
            MetricsPoller poller = new MetricsPoller(experiment.loadBalancer(), experiment.resilience(),
                    scheduler.httpClient(), clock, Duration.ofMillis(Math.max(fastest, 100)));
            poller.start(scheduler.ticks(), event.observeUntil());
            run.polling(poller);
        }
        startServiceSampling(run);
        if (!progressInterval.isZero()) {
            long millis = Math.max(1, progressInterval.toMillis());
            run.reportingProgress(progressReports.scheduleAtFixedRate(() -> reportProgress(run), millis, millis,
                    TimeUnit.MILLISECONDS));
        }
        if (MissedObservation.lateJoin(event.timestamp(), now)) {
            run.joinedLate(now);
            LOG.warnf("run %s: RunStarted of %s read only at %s (this observer was restarted during the run);"
                    + " observing the rest, the verdict will say what is missing", event.runId(), event.timestamp(),
                    now);
        }
        LOG.infof("run %s: observing %s until %s with %d probe(s)", event.runId(), event.experiment().name(),
                event.observeUntil(), event.experiment().steadyState().probes().size());
    }

    /**
     * The planned instants at which the system may change: each step's injection (the first injection instant plus
     * its {@code startAfter}) and, for a lasting fault, its revert after the step's duration (the experiment's when
     * it gives none). Adaptive probing probes fast around them, from {@link #PLANNED_LEAD} before (a fault sent ahead
     * may act a little early on a host whose clock runs ahead) to {@code adaptive.after} past.
     */
    static List<Instant> plannedTransitions(RunStarted event) {
        Experiment experiment = event.experiment();
        List<Instant> instants = new ArrayList<>();
        for (FaultStep step : experiment.faults()) {
            Instant injectAt = event.injectAt().plus(step.startAfter());
            instants.add(injectAt);
            if (step.fault().lasting()) {
                instants.add(injectAt.plus(experiment.durationOf(step)));
            }
        }
        return instants;
    }

    /**
     * The load test runs from now until the run's window closes (unless its section gives its own duration), so the
     * steady-state warm-up and the fault window both see load; it is stopped earlier when the run ends earlier. One
     * that cannot start does not stop the run: its verdict fails with a finding that says why.
     */
    private void startLoad(RunObservation run, Instant now) {
        RunStarted event = run.started();
        try {
            loadTests.start(event.runId(), event.experiment().load(), Duration.between(now, event.observeUntil()));
        } catch (RuntimeException e) {
            LOG.errorf("run %s: load test could not start: %s", event.runId(), e.getMessage());
            run.loadNotStarted(e.getMessage());
        }
    }

    /**
     * Samples every service a fault targets, from now until the window closes, at the fastest probe's interval (at
     * least {@link #MIN_SERVICE_INTERVAL}: each sample lists and inspects the service's containers), so the service's
     * recovery has the probes' resolution. A service of a kind this observer cannot read is named in the verdict.
     */
    private void startServiceSampling(RunObservation run) {
        Experiment experiment = run.started().experiment();
        List<ServiceTarget> targeted = experiment.faults().stream().map(step -> step.target().service())
                .filter(java.util.Objects::nonNull).distinct().toList();
        if (targeted.isEmpty()) {
            return;
        }
        long fastest = experiment.steadyState().probes().stream().mapToLong(p -> p.interval().toMillis()).min()
                .orElse(250);
        Duration interval = Duration.ofMillis(Math.max(fastest, MIN_SERVICE_INTERVAL.toMillis()));
        for (ServiceTarget service : targeted) {
            try {
                run.sampling(services.start(service, interval, run.started().observeUntil()));
            } catch (RuntimeException e) {
                LOG.warnf("run %s: cannot sample %s: %s", run.started().runId(), service.describe(), e.getMessage());
                run.serviceNotSampled(service.describe() + " was not sampled: " + e.getMessage());
            }
        }
    }

    /**
     * Publishes where the run stands, while it does: a run that has ended (RunFinished, RunAborted, a halt's abort)
     * or whose window has closed gets no more, and its task is cancelled here in case the end was never read.
     */
    private void reportProgress(RunObservation run) {
        Instant now = clock.instant();
        if (run.state() != RunState.RUNNING || now.isAfter(run.started().observeUntil())) {
            run.stopProgress();
            return;
        }
        try {
            publisher.publish(run.progress(now));
        } catch (RuntimeException e) {
            // Caught: an exception would cancel the periodic task silently; the next report may succeed.
            LOG.warnf("run %s: progress could not be published: %s", run.started().runId(), e.getMessage());
        }
    }

    private void finish(String runId, Instant endedAt, String abortReason) {
        RunObservation run = runs.remove(runId);
        boolean firstEnd = known.firstSeen(runId);
        if (run == null) {
            if (firstEnd) {
                unobserved(runId, endedAt, abortReason);
            } else {
                LOG.debugf("run %s: a further end of a run already judged or replayed", runId);
            }
            return;
        }
        run.ended(abortReason == null ? RunState.FINISHED : RunState.ABORTED);
        // Finished, aborted or halted: the load stops with the run, before its responses are read.
        loadTests.stop(runId);
        Instant stoppedAt = clock.instant();
        Instant observeUntil = run.started().observeUntil();
        Instant windowEnd = stoppedAt.isBefore(observeUntil) ? stoppedAt : observeUntil;
        run.stopProbes().whenCompleteAsync((ignored, error) -> {
            try {
                ObservedRun observed = observed(run, windowEnd, abortReason);
                RunVerdict verdict = VerdictJudge.judge(observed, clock.instant());
                verdict = scaling.addTo(verdict, observed.experiment(), run.started().timestamp(), windowEnd,
                        observed.injections(), observed.load(), observed.polls(), observed.pollIntervalMillis());
                if (run.joinedAt() != null) {
                    verdict = MissedObservation.partial(verdict, run.started().timestamp(), run.joinedAt());
                }
                LOG.infof("run %s: verdict %s, findings %s", runId, verdict.verdict(), verdict.findings());
                publisher.publish(verdict);
                metrics.verdictPublished(verdict.verdict());
            } catch (RuntimeException e) {
                LOG.errorf(e, "run %s: could not judge the run", runId);
            }
        }, afterRun);
    }

    /**
     * The end of a run this observer does not follow. A recent one means it missed the run (restarted while the run
     * was active, its samples lost with the old process): silence would leave the run waiting for a verdict for good,
     * so it gets one that says so. An old one is a replay of a run judged long ago.
     */
    private void unobserved(String runId, Instant endedAt, String abortReason) {
        if (!MissedObservation.owedVerdict(endedAt, clock.instant())) {
            LOG.debugf("run %s: end of a run this observer does not follow (ended %s, a replay)", runId, endedAt);
            return;
        }
        LOG.warnf("run %s: ended at %s but this observer did not observe it (restarted during the run?); publishing"
                + " a verdict that says so", runId, endedAt);
        RunVerdict verdict = MissedObservation.unobserved(runId, abortReason, clock.instant());
        afterRun.execute(() -> {
            try {
                publisher.publish(verdict);
                metrics.verdictPublished(verdict.verdict());
            } catch (RuntimeException e) {
                LOG.errorf(e, "run %s: could not publish its verdict", runId);
            }
        });
    }

    /** The run as observed, with the load test's responses and, when asked for, the integrity read-back. */
    private ObservedRun observed(RunObservation run, Instant windowEnd, String abortReason) {
        Experiment experiment = run.started().experiment();
        List<LoadResponse> load = experiment.load() == null ? List.of()
                : LoadResultsFile.read(loadTests.responsesFile(run.started().runId()));
        ObservedRun observed = run.snapshot(windowEnd, abortReason, load);
        if (experiment.integrity() == null) {
            return observed;
        }
        List<String> acknowledged = load.stream().filter(LoadResponse::acknowledgedWrite)
                .map(LoadResponse::orderId).toList();
        try {
            List<AcknowledgedWrite> writes = AcknowledgedWritesFile.read(
                    loadTests.writesFile(run.started().runId()));
            IntegrityReport report = integrity.reader().check(experiment.integrity(), acknowledged, writes);
            return observed.withIntegrity(report);
        } catch (RuntimeException e) {
            LOG.errorf("run %s: data integrity could not be checked: %s", run.started().runId(), e.getMessage());
            return observed.withIntegrityError(e.getMessage());
        }
    }

    private void withRun(String runId, Consumer<RunObservation> action) {
        RunObservation run = runs.get(runId);
        if (run == null) {
            LOG.debugf("run %s: event for a run this observer does not follow", runId);
            return;
        }
        action.accept(run);
    }

    /** The value of {@code make}, made once on first use (a Docker client only for runs that need one). */
    private static Supplier<ReplicaSource> memoized(Supplier<ReplicaSource> make) {
        return new Supplier<>() {
            private ReplicaSource made;

            @Override
            public synchronized ReplicaSource get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }

    private void forgetAbandoned(Instant now) {
        runs.values().removeIf(run -> {
            boolean abandoned = run.started().observeUntil().plus(ABANDONED_AFTER).isBefore(now);
            if (abandoned) {
                LOG.warnf("run %s: no RunFinished or RunAborted %s after its window closed; forgetting it without a"
                        + " verdict", run.started().runId(), ABANDONED_AFTER);
                run.stopProbes();
                loadTests.stop(run.started().runId());
                scaling.forget(run.started().runId());
            }
            return abandoned;
        });
    }
}
