package dev.faultline.observer.slo;

import dev.faultline.common.experiment.Probe;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.verdict.SloBreached;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Spots, sample by sample while a run goes on, an objective that is already lost whatever comes next, so that it
 * can be published at once (SloBreached) and the run stopped if the experiment asks for it. Only certain breaches:
 * <ul>
 * <li>max-recovery-time: a probe failed later than the limit after an injection, so its recovery (a later,
 * passing probe) is later still;</li>
 * <li>min-availability: a probe failed so often since an injection that even if every remaining probe of the
 * window passed, its share of passing probes would stay below the limit. The remaining count is bounded from above
 * by window / interval + 2, which makes the bound safe when ticks are late.</li>
 * </ul>
 * Each objective is reported once per run.
 */
public final class BreachWatcher {

    private final String runId;
    private final Slos slos;
    private final Instant windowEnd;
    private final Map<String, Probe> probes = new HashMap<>();
    private final TreeSet<Instant> injections = new TreeSet<>(); // guarded by this
    private final Map<String, int[]> failedSince = new HashMap<>(); // probe@injection -> {failed}; guarded by this
    private final Set<String> reported = new HashSet<>(); // guarded by this

    public BreachWatcher(String runId, Slos slos, List<Probe> probes, Instant windowEnd) {
        this.runId = runId;
        this.slos = slos;
        this.windowEnd = windowEnd;
        probes.forEach(p -> this.probes.put(p.name(), p));
    }

    public synchronized void injected(Instant injectedAt) {
        injections.add(injectedAt);
    }

    /** The breach this sample makes certain, if any and not reported before. */
    public synchronized Optional<SloBreached> accept(ProbeSample sample, Instant now) {
        // The phase of a probe is the one it was answered in, as for timelines and the steady state.
        Instant injectedAt = injections.floor(sample.answeredAt());
        Probe probe = probes.get(sample.probe());
        if (injectedAt == null || probe == null || sample.ok()) {
            return Optional.empty();
        }
        long sinceInjection = Math.max(0, Duration.between(injectedAt, sample.sentAt()).toMillis());
        long limit = slos.maxRecoveryTime().toMillis();
        if (sinceInjection > limit && reported.add(SloEvaluator.MAX_RECOVERY_TIME)) {
            return Optional.of(SloBreached.of(runId, SloEvaluator.MAX_RECOVERY_TIME, "ms", limit, sinceInjection,
                    "probe " + probe.name() + " still failing " + sinceInjection + " ms after injection at "
                            + injectedAt + " (" + sample.outcome() + "); resolution "
                            + probe.interval().toMillis() + " ms",
                    slos.abortOnBreach(), now));
        }
        int failed = ++failedSince.computeIfAbsent(probe.name() + "@" + injectedAt, k -> new int[1])[0];
        long maxProbes = Duration.between(injectedAt, windowEnd).toMillis() / probe.interval().toMillis() + 2;
        double bestPossible = 100.0 * (maxProbes - failed) / maxProbes;
        double minAvailability = slos.minAvailabilityPercent();
        if (bestPossible < minAvailability && reported.add(SloEvaluator.MIN_AVAILABILITY)) {
            return Optional.of(SloBreached.of(runId, SloEvaluator.MIN_AVAILABILITY, "percent", minAvailability,
                    bestPossible, String.format(Locale.ROOT, "probe %s failed %d times since injection at %s; at"
                            + " most %d probes fit in the window, so availability can be at most %.3f%%",
                            probe.name(), failed, injectedAt, maxProbes, bestPossible),
                    slos.abortOnBreach(), now));
        }
        return Optional.empty();
    }
}
