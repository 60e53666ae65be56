package dev.faultline.observer.service;

import dev.faultline.common.experiment.ServiceKind;
import dev.faultline.common.experiment.ServiceTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Samples services' replica counts over time: each started sampling reads its service from the source of its kind
 * every interval (with a fixed delay, so a slow platform is sampled less often rather than piled up) until its
 * deadline or until stopped, and hands back every snapshot. Knows nothing of faults: what the counts mean for a
 * run is {@link ServiceRecoveryCalculator}'s (and a scaling judge's) business.
 */
public final class ServiceSampler {

    /** Misses kept verbatim for findings; the rest are only counted. */
    static final int MISSES_KEPT = 3;
    /** Two samples further apart than this many intervals count as a miss: the resolution was not kept. */
    static final int GAP_INTERVALS = 3;

    private final Clock clock;
    private final Map<ServiceKind, ServiceStateSource> sources = new EnumMap<>(ServiceKind.class);
    private final ScheduledExecutorService threads;

    public ServiceSampler(Clock clock, List<ServiceStateSource> sources, ScheduledExecutorService threads) {
        this.clock = clock;
        this.threads = threads;
        sources.forEach(s -> this.sources.put(s.kind(), s));
    }

    /** The source for a kind, when this observer has one (an observer without AWS access has no ECS source). */
    public Optional<ServiceStateSource> source(ServiceKind kind) {
        return Optional.ofNullable(sources.get(kind));
    }

    /**
     * Starts sampling now. Throws when no source reads services of this kind, so that the run's verdict can say so
     * rather than judge a service it never saw.
     */
    public Sampling start(ServiceTarget service, Duration interval, Instant until) {
        ServiceStateSource source = source(service.kind()).orElseThrow(() -> new IllegalStateException(
                "this observer has no source for " + service.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + " services"));
        Sampling sampling = new Sampling(service, source, interval.toMillis(), until);
        sampling.task = threads.scheduleWithFixedDelay(sampling::take, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return sampling;
    }

    /** One service's sampling; thread-safe. */
    public final class Sampling {
        private final ServiceTarget service;
        private final ServiceStateSource source;
        private final long intervalMillis;
        private final Instant until;
        private final List<ServiceSnapshot> snapshots = new ArrayList<>();
        private final List<String> misses = new ArrayList<>();
        private int missed;
        private volatile ScheduledFuture<?> task;

        private Sampling(ServiceTarget service, ServiceStateSource source, long intervalMillis, Instant until) {
            this.service = service;
            this.source = source;
            this.intervalMillis = intervalMillis;
            this.until = until;
        }

        private void take() {
            Instant begun = clock.instant();
            if (begun.isAfter(until)) {
                stopTask();
                return;
            }
            try {
                ServiceSnapshot read = source.read(service, begun);
                // Stamped when the read completed: what it shows was true by then, so "first sample that showed
                // it" is never earlier than the truth, however long the platform took to answer.
                Instant at = clock.instant();
                ServiceSnapshot snapshot = new ServiceSnapshot(at, read.platformDesired(), read.replicas());
                synchronized (this) {
                    ServiceSnapshot last = snapshots.isEmpty() ? null : snapshots.get(snapshots.size() - 1);
                    long gap = last == null ? 0 : Duration.between(last.at(), at).toMillis();
                    if (gap > GAP_INTERVALS * intervalMillis) {
                        note(at, "no sample for " + gap + " ms (the platform answered slowly): changes in between"
                                + " are seen only by the agent's events");
                    }
                    snapshots.add(snapshot);
                }
            } catch (RuntimeException e) {
                // Caught: an exception would end the periodic task; the next sample may succeed.
                synchronized (this) {
                    note(begun, e.getMessage());
                }
            }
        }

        private void note(Instant at, String why) {
            missed++;
            if (misses.size() < MISSES_KEPT) {
                misses.add(at + ": " + why);
            }
        }

        private void stopTask() {
            ScheduledFuture<?> t = task;
            if (t != null) {
                t.cancel(false);
            }
        }

        /** What was sampled so far; sampling goes on. */
        public synchronized ServiceSamples samples() {
            return new ServiceSamples(service, intervalMillis, snapshots, misses, missed);
        }

        /** Stops sampling and returns every sample taken. */
        public ServiceSamples stop() {
            stopTask();
            return samples();
        }
    }
}
