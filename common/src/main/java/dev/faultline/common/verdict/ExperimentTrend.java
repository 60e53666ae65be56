package dev.faultline.common.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.faultline.common.run.RunState;
import dev.faultline.common.validation.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How one experiment fared over its recent runs: per run the verdict, the {@link ResilienceScore}, the recovery time
 * per target, the availability and the error rate, and over them the pass rate and the mean score. Built from the
 * stored runs by the orchestrator ({@code GET /api/v1/experiments/{name}/trend}) and the reporter (the runs index);
 * see docs/verdict.md ("Resilience score").
 *
 * @param runs      newest first
 * @param passRate  PASS verdicts over judged runs (those with a verdict), 0..1; null when no run was judged
 * @param meanScore mean score over judged runs; null when no run was judged
 */
public record ExperimentTrend(String experiment, List<TrendRun> runs, Double passRate, Double meanScore) {

    public ExperimentTrend {
        Checks.start().notBlank(experiment, "experiment").throwIfAny();
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    /**
     * One run as the trend sees it: what {@link #of} is built from.
     *
     * @param verdict null while the run is not judged (running, aborted, or its verdict was never received)
     */
    public record Entry(String runId, Instant createdAt, RunState state, RunVerdict verdict) {

        public Entry {
            Checks.start().notBlank(runId, "runId").notNull(createdAt, "createdAt").notNull(state, "state")
                    .throwIfAny();
        }
    }

    /**
     * One run of the trend. Every figure is null when the run has no verdict.
     *
     * @param recoveryMillisByTarget per target (container name): the longest {@code timeToRecoverMillis} of its
     *                               timelines (0 when no probe failed); null when one of them never recovered.
     *                               Targets whose timelines had no probe in the window are left out
     * @param availabilityPercent    the lowest {@code availabilityPercent} over the timelines; null without one
     * @param errorRatePercent       the load test's error rate in the fault window; null without a load test
     */
    public record TrendRun(String runId, Instant createdAt, RunState state, Verdict verdict, Integer score,
            @JsonInclude(content = JsonInclude.Include.ALWAYS) Map<String, Long> recoveryMillisByTarget,
            Double availabilityPercent, Double errorRatePercent) {

        public TrendRun {
            Checks.start().notBlank(runId, "runId").notNull(createdAt, "createdAt").notNull(state, "state")
                    .throwIfAny();
            // Copied by hand: Map.copyOf refuses the null that says "never recovered".
            recoveryMillisByTarget = recoveryMillisByTarget == null ? Map.of()
                    : Collections.unmodifiableMap(new TreeMap<>(recoveryMillisByTarget));
        }
    }

    /** The trend over the given runs, in any order; the caller picks which (e.g. the last N). */
    public static ExperimentTrend of(String experiment, List<Entry> entries) {
        List<TrendRun> runs = entries.stream()
                .sorted(Comparator.comparing(Entry::createdAt).thenComparing(Entry::runId).reversed())
                .map(ExperimentTrend::trendRun)
                .toList();
        List<TrendRun> judged = runs.stream().filter(r -> r.verdict() != null).toList();
        Double passRate = judged.isEmpty() ? null
                : judged.stream().filter(r -> r.verdict() == Verdict.PASS).count() / (double) judged.size();
        Double meanScore = judged.isEmpty() ? null
                : judged.stream().mapToInt(TrendRun::score).average().orElseThrow();
        return new ExperimentTrend(experiment, runs, passRate, meanScore);
    }

    private static TrendRun trendRun(Entry entry) {
        RunVerdict verdict = entry.verdict();
        if (verdict == null) {
            return new TrendRun(entry.runId(), entry.createdAt(), entry.state(), null, null, Map.of(), null, null);
        }
        List<RecoveryTimeline> measured = verdict.timelines().stream()
                .filter(t -> t.recovery() != RecoveryTimeline.Recovery.NOT_MEASURED)
                .toList();
        Double availability = measured.isEmpty() ? null
                : measured.stream().mapToDouble(RecoveryTimeline::availabilityPercent).min().orElseThrow();
        Double errorRate = verdict.load() == null ? null : verdict.load().errorRatePercent();
        return new TrendRun(entry.runId(), entry.createdAt(), entry.state(), verdict.verdict(),
                ResilienceScore.of(verdict).score(), recoveryByTarget(measured), availability, errorRate);
    }

    private static Map<String, Long> recoveryByTarget(List<RecoveryTimeline> measured) {
        Map<String, Long> byTarget = new LinkedHashMap<>();
        Map<String, Boolean> unrecovered = new LinkedHashMap<>();
        for (RecoveryTimeline timeline : measured) {
            String target = timeline.target().containerName();
            if (timeline.recovery() == RecoveryTimeline.Recovery.NOT_RECOVERED) {
                unrecovered.put(target, true);
            }
            long millis = Objects.requireNonNullElse(timeline.timeToRecoverMillis(), 0L);
            byTarget.merge(target, millis, Math::max);
        }
        unrecovered.keySet().forEach(target -> byTarget.put(target, null));
        return byTarget;
    }
}
