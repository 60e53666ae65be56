package dev.faultline.observer.probe;

import dev.faultline.common.experiment.Probe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One probe being taken at its interval; {@link #stop()} ends it and tells when its last answers are in.
 *
 * <p>With adaptive probing ({@link Fast}) it also probes at a fast interval while its latest answer failed and
 * inside the windows {@link #hasten hastened} around injections, one fast probe in flight at a time, paced by the
 * scheduler-wide cap. Fast samples go to their own sink: they sharpen a timeline's instants, while every count stays
 * on the configured interval, whose ticks never change.
 */
public final class ScheduledProbe {

    private static final Logger LOG = Logger.getLogger(ScheduledProbe.class);

    private final Probe probe;
    private final ProbeCheck check;
    private final Instant until;
    private final Consumer<ProbeSample> sink;
    private final Clock clock;
    /** Null when this probe gets no fast probes. */
    private final Fast fast;
    /** Probes issued and not yet recorded; each completes after its sample reached the sink. */
    private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();

    private boolean stopped; // guarded by this
    private ScheduledFuture<?> schedule; // guarded by this
    /** [from, until) spans in which to probe fast whatever the answers; guarded by this. */
    private final List<Instant[]> windows = new ArrayList<>();
    /** The send time of the newest answered probe, and whether it failed; guarded by this. */
    private Instant newestSentAt;
    private boolean failing;
    private boolean fastMode; // guarded by this: counted in the pacing's active probes
    private boolean fastInFlight; // guarded by this
    private ScheduledFuture<?> fastTimer; // guarded by this
    private Instant fastTimerAt; // guarded by this

    /**
     * Adaptive probing of one probe.
     *
     * @param interval the fast interval (before pacing stretches it)
     * @param sink     where fast samples go
     */
    record Fast(Duration interval, Consumer<ProbeSample> sink, FastProbePacing pacing,
            ScheduledExecutorService timer) {
    }

    ScheduledProbe(Probe probe, ProbeCheck check, Instant until, Consumer<ProbeSample> sink, Clock clock, Fast fast) {
        this.probe = probe;
        this.check = check;
        this.until = until;
        this.sink = sink;
        this.clock = clock;
        this.fast = fast;
    }

    public Probe probe() {
        return probe;
    }

    /** Whether this probe probes faster around transitions. */
    public boolean adaptive() {
        return fast != null;
    }

    synchronized void attach(ScheduledFuture<?> schedule) {
        this.schedule = schedule;
        if (stopped) {
            schedule.cancel(false);
        }
    }

    /**
     * Probes fast from {@code from} to {@code to} whatever the answers (around an injection or a revert, planned or
     * reported). Nothing happens for a probe without adaptive probing or a span that is over.
     */
    public void hasten(Instant from, Instant to) {
        if (fast == null) {
            return;
        }
        synchronized (this) {
            if (stopped || !to.isAfter(clock.instant())) {
                return;
            }
            windows.add(new Instant[] {from, to});
            armLocked(from);
        }
    }

    /** Issues one probe at the configured interval; never throws, which would silently end the fixed-rate schedule. */
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
                issueLocked(sentAt, false);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "probe %s: could not issue a probe", probe.name());
        }
    }

    /** The fast timer fired: probe fast if a failure or a window asks for it, then arm the next fast tick. */
    private void fastTick() {
        try {
            synchronized (this) {
                fastTimer = null;
                fastTimerAt = null;
                Instant now = clock.instant();
                if (stopped || !now.isBefore(until)) {
                    leaveFastModeLocked();
                    return;
                }
                windows.removeIf(w -> !w[1].isAfter(now));
                boolean inWindow = windows.stream().anyMatch(w -> !w[0].isAfter(now));
                if (!failing && !inWindow) {
                    leaveFastModeLocked();
                    windows.stream().map(w -> w[0]).min(Instant::compareTo).ifPresent(this::armLocked);
                    return;
                }
                if (!fastMode) {
                    fastMode = true;
                    fast.pacing().entered();
                }
                if (!fastInFlight) { // one fast probe at a time: a hung target gets no pile of them
                    fastInFlight = true;
                    fast.pacing().issued();
                    issueLocked(now, true);
                }
                armLocked(now.plus(fast.pacing().interval(fast.interval())));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "probe %s: could not issue a fast probe", probe.name());
        }
    }

    private void issueLocked(Instant sentAt, boolean isFast) {
        long startNanos = System.nanoTime();
        CompletableFuture<Void> recorded = check.take().handle((outcome, error) -> {
            ProbeSample sample = sample(sentAt, startNanos, outcome, error);
            answered(sample, isFast);
            record(sample, isFast ? fast.sink() : sink);
            return null;
        });
        inFlight.add(recorded);
        recorded.whenComplete((ignored, error) -> inFlight.remove(recorded));
    }

    /** Follows whether the probe is failing, by the newest send time answered, and hurries on a new failure. */
    private synchronized void answered(ProbeSample sample, boolean isFast) {
        if (isFast) {
            fastInFlight = false;
        }
        if (newestSentAt != null && sample.sentAt().isBefore(newestSentAt)) {
            return;
        }
        newestSentAt = sample.sentAt();
        failing = sample.failed();
        if (failing && fast != null && !stopped && !fastMode) {
            armLocked(clock.instant()); // in fast mode the next fast tick is armed already, at the paced interval
        }
    }

    /** Makes the fast timer fire at {@code at} (now, when past) unless it fires earlier already. */
    private void armLocked(Instant at) {
        if (stopped) {
            return;
        }
        if (fastTimer != null && !fastTimerAt.isAfter(at)) {
            return;
        }
        if (fastTimer != null) {
            fastTimer.cancel(false);
        }
        long delayNanos = Math.max(0, Duration.between(clock.instant(), at).toNanos());
        fastTimerAt = at;
        fastTimer = fast.timer().schedule(this::fastTick, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void leaveFastModeLocked() {
        if (fastMode) {
            fastMode = false;
            fast.pacing().left();
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
        if (fastTimer != null) {
            fastTimer.cancel(false);
            fastTimer = null;
            fastTimerAt = null;
        }
        windows.clear();
        if (fast != null) {
            leaveFastModeLocked();
        }
    }

    private ProbeSample sample(Instant issuedAt, long startNanos, ProbeCheck.Outcome outcome, Throwable error) {
        long endNanos = System.nanoTime();
        if (outcome == null) {
            long latencyMillis = TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
            return ProbeSample.unanswered(probe.name(), issuedAt, Outcomes.describe(error), Outcomes.kindOf(error),
                    latencyMillis);
        }
        // sent when the check says its request went out (an event loop's queue may hold it a while), else as issued
        long sentNanos = outcome.sentNanos() != null ? Math.max(startNanos, outcome.sentNanos()) : startNanos;
        Instant sentAt = issuedAt.plusNanos(sentNanos - startNanos);
        long latencyMillis = TimeUnit.NANOSECONDS.toMillis(Math.max(0, endNanos - sentNanos));
        return new ProbeSample(probe.name(), sentAt, outcome.ok(), outcome.status(), outcome.error(), latencyMillis,
                outcome.kind(), outcome.bodyShape());
    }

    private void record(ProbeSample sample, Consumer<ProbeSample> target) {
        try {
            target.accept(sample);
        } catch (RuntimeException e) {
            LOG.errorf(e, "probe %s: could not record a sample", probe.name());
        }
    }
}
