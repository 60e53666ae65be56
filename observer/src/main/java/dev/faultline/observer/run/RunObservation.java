package dev.faultline.observer.run;

import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.RunStarted;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.probe.ScheduledProbe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What is being observed of one active run. Samples arrive on HTTP client threads and events on the consumer's,
 * so everything here is safe to share.
 */
final class RunObservation {

    private final RunStarted started;
    private final Queue<ProbeSample> samples = new ConcurrentLinkedQueue<>();
    private final Map<String, FaultInjected> injections = new LinkedHashMap<>(); // guarded by this
    private final List<FaultFailed> failures = new ArrayList<>(); // guarded by this
    private final List<ScheduledProbe> probes = new CopyOnWriteArrayList<>();

    RunObservation(RunStarted started) {
        this.started = started;
    }

    RunStarted started() {
        return started;
    }

    void probing(ScheduledProbe probe) {
        probes.add(probe);
    }

    void record(ProbeSample sample) {
        samples.add(sample);
    }

    /** A fault reported twice (a retried send) keeps its first report. */
    synchronized void injected(FaultInjected event) {
        injections.putIfAbsent(event.faultId(), event);
    }

    synchronized void failed(FaultFailed event) {
        failures.add(event);
    }

    /** Stops every probe; completes when their last answers are recorded (one probe timeout at most). */
    CompletableFuture<Void> stopProbes() {
        return CompletableFuture.allOf(probes.stream().map(ScheduledProbe::stop).toArray(CompletableFuture[]::new));
    }

    synchronized ObservedRun snapshot(Instant windowEnd, String abortReason) {
        return new ObservedRun(started.runId(), started.experiment(), started.injectAt(),
                List.copyOf(injections.values()), List.copyOf(failures), List.copyOf(samples), windowEnd, abortReason);
    }
}
