package dev.faultline.observer.probe;

import dev.faultline.common.experiment.Probe;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** One probe being taken at its interval; {@link #stop()} ends it and tells when its last answers are in. */
public final class ScheduledProbe {

    private static final Logger LOG = Logger.getLogger(ScheduledProbe.class);

    private final Probe probe;
    private final ProbeCheck check;
    private final Instant until;
    private final Consumer<ProbeSample> sink;
    private final Clock clock;
    /** Probes issued and not yet recorded; each completes after its sample reached the sink. */
    private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();

    private boolean stopped; // guarded by this
    private ScheduledFuture<?> schedule; // guarded by this

    ScheduledProbe(Probe probe, ProbeCheck check, Instant until, Consumer<ProbeSample> sink, Clock clock) {
        this.probe = probe;
        this.check = check;
        this.until = until;
        this.sink = sink;
        this.clock = clock;
    }

    public Probe probe() {
        return probe;
    }

    synchronized void attach(ScheduledFuture<?> schedule) {
        this.schedule = schedule;
        if (stopped) {
            schedule.cancel(false);
        }
    }

    /** Issues one probe; never throws, because an exception would silently end the fixed-rate schedule. */
    void tick() {
        try {
            Instant sentAt = clock.instant();
            synchronized (this) {
                if (stopped) {
                    return;
                }
                if (!sentAt.isBefore(until)) {
                    stopLocked();
                    return;
                }
                long startNanos = System.nanoTime();
                CompletableFuture<Void> recorded = check.take().handle((outcome, error) -> {
                    record(sample(sentAt, startNanos, outcome, error));
                    return null;
                });
                inFlight.add(recorded);
                recorded.whenComplete((ignored, error) -> inFlight.remove(recorded));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "probe %s: could not issue a probe", probe.name());
        }
    }

    /**
     * Stops issuing probes. The returned future completes once the probes already in flight have been recorded,
     * or after one probe timeout at most.
     */
    public CompletableFuture<Void> stop() {
        List<CompletableFuture<Void>> pending;
        synchronized (this) {
            stopLocked();
            pending = List.copyOf(inFlight);
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, probe.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stopLocked() {
        stopped = true;
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    private ProbeSample sample(Instant sentAt, long startNanos, ProbeCheck.Outcome outcome, Throwable error) {
        long latencyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (outcome == null) {
            return ProbeSample.unanswered(probe.name(), sentAt, Outcomes.describe(error), Outcomes.kindOf(error),
                    latencyMillis);
        }
        return new ProbeSample(probe.name(), sentAt, outcome.ok(), outcome.status(), outcome.error(), latencyMillis,
                outcome.kind(), outcome.bodyShape());
    }

    private void record(ProbeSample sample) {
        try {
            sink.accept(sample);
        } catch (RuntimeException e) {
            LOG.errorf(e, "probe %s: could not record a sample", probe.name());
        }
    }
}
