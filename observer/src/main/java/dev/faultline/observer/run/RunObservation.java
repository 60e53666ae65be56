package dev.faultline.observer.run;

import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.event.TargetStateChanged;
import dev.faultline.observer.service.ServiceSampler;
import dev.faultline.common.run.RunState;
import dev.faultline.common.verdict.RunProgress;
import dev.faultline.common.verdict.SloBreached;
import dev.faultline.observer.load.LoadResponse;
import dev.faultline.observer.patterns.MetricsPoller;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.probe.ScheduledProbe;
import dev.faultline.observer.progress.ProbeStatuses;
import dev.faultline.observer.slo.BreachWatcher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * What is being observed of one active run, and where the run stands in the shared lifecycle ({@link RunState}) as
 * far as this observer has learned. Samples arrive on probe threads and events on the consumer's, so everything here
 * is safe to share.
 */
final class RunObservation {

    private final RunStarted started;
    private final Queue<ProbeSample> samples = new ConcurrentLinkedQueue<>();
    /** Adaptive probing's samples: they sharpen the timelines' instants only, so they are kept apart. */
    private final Queue<ProbeSample> fastSamples = new ConcurrentLinkedQueue<>();
    private final Map<String, FaultInjected> injections = new LinkedHashMap<>(); // guarded by this
    private final List<FaultFailed> failures = new ArrayList<>(); // guarded by this
    private final List<TargetStateChanged> platformStates = new ArrayList<>(); // guarded by this
    private final List<ScheduledProbe> probes = new CopyOnWriteArrayList<>();
    private final BreachWatcher breaches;
    private final Consumer<SloBreached> breachSink;
    private final Clock clock;
    private volatile MetricsPoller poller;
    private final List<ServiceSampler.Sampling> serviceSamplings = new CopyOnWriteArrayList<>();
    private final List<String> serviceErrors = new CopyOnWriteArrayList<>();
    /** The periodic run-progress report; null when progress is not reported. */
    private volatile Future<?> progressReports;
    /** When this observer began to watch a run it joined late (see MissedObservation); null when from the start. */
    private volatile Instant joinedAt;
    private volatile RunState state = RunState.initial();
    /** Why the experiment's load test could not start here; null when it started or there is none. */
    private volatile String loadError;

    RunObservation(RunStarted started, Clock clock, Consumer<SloBreached> breachSink) {
        this.started = started;
        this.clock = clock;
        this.breachSink = breachSink;
        this.breaches = new BreachWatcher(started.runId(), started.experiment().slos(),
                started.experiment().steadyState().probes(), started.observeUntil());
    }

    RunStarted started() {
        return started;
    }

    void joinedLate(Instant at) {
        joinedAt = at;
    }

    Instant joinedAt() {
        return joinedAt;
    }

    void loadNotStarted(String reason) {
        loadError = reason;
    }

    void probing(ScheduledProbe probe) {
        probes.add(probe);
    }

    void polling(MetricsPoller poller) {
        this.poller = poller;
    }

    void sampling(ServiceSampler.Sampling sampling) {
        serviceSamplings.add(sampling);
    }

    void serviceNotSampled(String reason) {
        serviceErrors.add(reason);
    }

    void reportingProgress(Future<?> reports) {
        this.progressReports = reports;
    }

    /** Stops the progress reports; harmless when they were stopped already or never started. */
    void stopProgress() {
        Future<?> reports = progressReports;
        if (reports != null) {
            reports.cancel(false);
        }
    }

    /** Each probe as it stands at {@code now}, from the samples and injections so far. */
    synchronized RunProgress progress(Instant now) {
        FaultInjected first = injections.values().stream().min(Comparator.comparing(FaultInjected::injectedAt))
                .orElse(null);
        return RunProgress.of(started.runId(), ProbeStatuses.of(started.experiment().steadyState().probes(),
                List.copyOf(samples), first, started.injectAt(), now), now);
    }

    /**
     * A probe's answer. The last answers come in after the run's end (its probes finish their requests): they count in
     * the verdict but raise no breach, which would ask the orchestrator to abort a run that has already ended.
     */
    void record(ProbeSample sample) {
        samples.add(sample);
        breaches.accept(sample, clock.instant()).filter(breach -> state == RunState.RUNNING).ifPresent(breachSink);
    }

    /** A fast (adaptive) probe's answer: kept for the timelines' instants, never counted nor watched for breaches. */
    void recordFast(ProbeSample sample) {
        fastSamples.add(sample);
    }

    RunState state() {
        return state;
    }

    /**
     * The run ended (RunFinished or RunAborted was read).
     *
     * @return false, changing nothing, when the lifecycle does not allow the move (the run had ended already)
     */
    synchronized boolean ended(RunState end) {
        if (!state.canMoveTo(end)) {
            return false;
        }
        state = end;
        return true;
    }

    /**
     * A fault reported twice (a retried send) keeps its first report. Each probe probes fast (adaptive probing) from
     * now until {@code after} past the injection: the report arrives after the fault acted, so this catches what the
     * planned instant missed (an injection late against its plan).
     */
    synchronized void injected(FaultInjected event) {
        if (injections.putIfAbsent(event.faultId(), event) == null) {
            breaches.injected(event.injectedAt());
            Instant until = event.injectedAt().plus(started.experiment().steadyState().adaptive().after());
            probes.forEach(probe -> probe.hasten(clock.instant(), until));
        }
    }

    synchronized void failed(FaultFailed event) {
        failures.add(event);
    }

    synchronized void platformState(TargetStateChanged event) {
        platformStates.add(event);
    }

    /**
     * Stops every probe, poll and progress report; completes when the probes' last answers are recorded (one probe
     * timeout at most).
     */
    CompletableFuture<Void> stopProbes() {
        stopProgress();
        MetricsPoller p = poller;
        if (p != null) {
            p.stop();
        }
        serviceSamplings.forEach(ServiceSampler.Sampling::stop);
        return CompletableFuture.allOf(probes.stream().map(ScheduledProbe::stop).toArray(CompletableFuture[]::new));
    }

    synchronized ObservedRun snapshot(Instant windowEnd, String abortReason, List<LoadResponse> load) {
        MetricsPoller p = poller;
        return new ObservedRun(started.runId(), started.experiment(), started.injectAt(),
                List.copyOf(injections.values()), List.copyOf(failures), List.copyOf(samples), windowEnd, abortReason,
                load, p == null ? List.of() : p.polls(), p == null ? 0 : p.intervalMillis(), null, null,
                List.copyOf(platformStates), loadError, List.copyOf(fastSamples),
                serviceSamplings.stream().map(ServiceSampler.Sampling::samples).toList(), List.copyOf(serviceErrors));
    }

    synchronized ObservedRun snapshot(Instant windowEnd, String abortReason) {
        return snapshot(windowEnd, abortReason, List.of());
    }
}
