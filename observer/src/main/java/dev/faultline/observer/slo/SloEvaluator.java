package dev.faultline.observer.slo;

import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Probe;
import dev.faultline.common.verdict.LoadSummary;
import dev.faultline.observer.load.LoadStatistics;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.timeline.TimelineCalculator;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.validation.DurationText;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.SloStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Judges the recovery timelines of a run against its objectives. Each objective takes the worst value across all
 * timelines (every fault seen by every probe); a timeline without any probe in its window leaves the objective
 * undecided (NO_DATA) rather than letting the others speak for it.
 */
public final class SloEvaluator {

    public static final String MAX_RECOVERY_TIME = "max-recovery-time";
    public static final String MIN_AVAILABILITY = "min-availability";
    public static final String MAX_ERROR_RATE = "max-error-rate";
    public static final String MAX_P99_LATENCY = "max-p99-latency";
    public static final String MIN_FULL_SERVICE_AVAILABILITY = "min-full-service-availability";

    private SloEvaluator() {
    }

    /**
     * @param windowEnd when observation stopped: a timeline that never recovered was watched failing until then
     * @param probes    the probes that produced the timelines, to say how the values were measured
     */
    public static SloEvaluation evaluate(Slos slos, List<RecoveryTimeline> timelines, Instant windowEnd,
            List<Probe> probes) {
        return evaluate(slos, timelines, windowEnd, probes, null, List.of());
    }

    /**
     * With request-level objectives too: error rate and p99 latency are judged on the load test's requests in the
     * fault window ({@code load}, null without a load test), or, without a load test, on the probes sent in that
     * window ({@code windowSamples}) when the experiment set the objective explicitly.
     */
    public static SloEvaluation evaluate(Slos slos, List<RecoveryTimeline> timelines, Instant windowEnd,
            List<Probe> probes, LoadSummary load, List<ProbeSample> windowSamples) {
        SloEvaluation probeBased = evaluateProbes(slos, timelines, windowEnd, probes);
        List<SloResult> results = new ArrayList<>(probeBased.results());
        List<String> findings = new ArrayList<>(probeBased.findings());
        requestObjectives(slos, probes, load, windowSamples, results, findings);
        return new SloEvaluation(results, findings);
    }

    private static void requestObjectives(Slos slos, List<Probe> probes, LoadSummary load,
            List<ProbeSample> samples, List<SloResult> results, List<String> findings) {
        boolean errorRateJudged = load != null || slos.maxErrorRatePercent() != null;
        if (errorRateJudged) {
            double limit = slos.errorRateLimitPercent();
            String method;
            Double measured;
            String counts;
            if (load != null) {
                method = load.method();
                measured = load.requests() == 0 ? null : load.errorRatePercent();
                counts = load.errors() + " of " + load.requests() + " requests failed"
                        + (load.failures() == null || load.errors() == 0 ? "" : ": " + load.failures().describe());
            } else {
                method = describe(probes) + "; error rate = failed probes over all probes answered from injection on"
                        + " and sent by the end of the run; resolution " + coarsestInterval(probes);
                long failed = samples.stream().filter(ProbeSample::failed).count();
                measured = samples.isEmpty() ? null : 100.0 * failed / samples.size();
                counts = failed + " of " + samples.size() + " probes failed"
                        + (failed == 0 ? "" : ": " + TimelineCalculator.breakdown(samples).describe());
            }
            if (measured == null) {
                results.add(new SloResult(MAX_ERROR_RATE, "percent", limit, null, SloStatus.NO_DATA, method));
                findings.add(MAX_ERROR_RATE + " could not be measured: no request in the fault window");
            } else {
                boolean passed = measured < limit || (limit == 0 && measured == 0);
                if (!passed) {
                    findings.add(String.format(Locale.ROOT, "%s failed: error rate %.2f%% (%s) above the"
                            + " limit of %s%%", MAX_ERROR_RATE, measured, counts, trim(limit)));
                }
                results.add(new SloResult(MAX_ERROR_RATE, "percent", limit, measured,
                        passed ? SloStatus.PASS : SloStatus.FAIL, method));
            }
        }
        if (slos.maxP99Latency() != null) {
            double limit = slos.maxP99Latency().toMillis();
            String method;
            Long p99;
            if (load != null) {
                method = load.method();
                p99 = load.p99Millis();
            } else {
                method = describe(probes) + "; p99 = nearest-rank 99th percentile of probe latencies (a probe without"
                        + " an answer at the time it took to fail, a timeout at its timeout) from injection to the end"
                        + " of the run; latency resolution 1 ms";
                long[] latencies = samples.stream().mapToLong(ProbeSample::latencyMillis).sorted().toArray();
                p99 = LoadStatistics.percentile(latencies, 99);
            }
            if (p99 == null) {
                results.add(new SloResult(MAX_P99_LATENCY, "ms", limit, null, SloStatus.NO_DATA, method));
                findings.add(MAX_P99_LATENCY + " could not be measured: no request in the fault window");
            } else {
                boolean passed = p99 <= limit;
                if (!passed) {
                    findings.add(MAX_P99_LATENCY + " failed: p99 latency " + p99 + " ms above the limit of "
                            + (long) limit + " ms");
                }
                results.add(new SloResult(MAX_P99_LATENCY, "ms", limit, (double) p99,
                        passed ? SloStatus.PASS : SloStatus.FAIL, method));
            }
        }
    }

    private static SloEvaluation evaluateProbes(Slos slos, List<RecoveryTimeline> timelines, Instant windowEnd,
            List<Probe> probes) {
        List<String> findings = new ArrayList<>();
        List<SloResult> results = new ArrayList<>();
        String recoveryMethod = describe(probes)
                + "; recovery = first passing probe after the last failing one, measured from injection (0 for a"
                + " probe that never failed)"
                + "; resolution " + coarsestInterval(probes);
        String availabilityMethod = describe(probes)
                + "; availability = passing probes over all probes from injection to the end of the run"
                + "; resolution " + coarsestInterval(probes);
        double recoveryLimit = slos.maxRecoveryTime().toMillis();
        double availabilityLimit = slos.minAvailabilityPercent();

        String missing = missingData(timelines);
        if (missing != null) {
            results.add(new SloResult(MAX_RECOVERY_TIME, "ms", recoveryLimit, null, SloStatus.NO_DATA, recoveryMethod));
            results.add(new SloResult(MIN_AVAILABILITY, "percent", availabilityLimit, null, SloStatus.NO_DATA,
                    availabilityMethod));
            if (slos.minFullServiceAvailabilityPercent() != null) {
                results.add(new SloResult(MIN_FULL_SERVICE_AVAILABILITY, "percent",
                        slos.minFullServiceAvailabilityPercent(), null, SloStatus.NO_DATA, fullServiceMethod(probes)));
            }
            findings.add("SLOs could not be measured: " + missing);
            return new SloEvaluation(results, findings);
        }

        results.add(recovery(timelines, windowEnd, recoveryLimit, recoveryMethod, findings));
        results.add(availability(timelines, availabilityLimit, availabilityMethod, findings));
        if (slos.minFullServiceAvailabilityPercent() != null) {
            results.add(fullService(timelines, slos.minFullServiceAvailabilityPercent(), fullServiceMethod(probes),
                    findings));
        }
        return new SloEvaluation(results, findings);
    }

    /** The worst full-service availability over the timelines of probes with {@code degraded:} set. */
    private static SloResult fullService(List<RecoveryTimeline> timelines, double limit, String method,
            List<String> findings) {
        RecoveryTimeline worst = timelines.stream()
                .filter(t -> t.degraded() != null)
                .min(Comparator.comparingDouble(t -> t.degraded().fullServiceAvailabilityPercent()))
                .orElse(null);
        if (worst == null) {
            findings.add(MIN_FULL_SERVICE_AVAILABILITY + " could not be measured: no probe with degraded: set");
            return new SloResult(MIN_FULL_SERVICE_AVAILABILITY, "percent", limit, null, SloStatus.NO_DATA, method);
        }
        double measured = worst.degraded().fullServiceAvailabilityPercent();
        boolean passed = measured >= limit;
        if (!passed) {
            findings.add(String.format(Locale.ROOT,
                    "%s failed: probe %s gave full service %.2f%% of the time after fault %s on %s (%d of %d probes"
                            + " degraded, %d failed), below the limit of %s%%",
                    MIN_FULL_SERVICE_AVAILABILITY, worst.probe(), measured, worst.faultId(), worst.target(),
                    worst.degraded().probesDegraded(), worst.probesInWindow(), worst.probesFailed(), trim(limit)));
        }
        return new SloResult(MIN_FULL_SERVICE_AVAILABILITY, "percent", limit, measured,
                passed ? SloStatus.PASS : SloStatus.FAIL, method);
    }

    private static String fullServiceMethod(List<Probe> probes) {
        List<Probe> judged = probes.stream().filter(p -> p instanceof HttpProbe http && http.degraded() != null)
                .toList();
        return describe(judged) + "; full service = probes neither failed nor degraded over all probes from"
                + " injection to the end of the run; resolution " + coarsestInterval(judged);
    }

    private static SloResult recovery(List<RecoveryTimeline> timelines, Instant windowEnd, double limit,
            String method, List<String> findings) {
        RecoveryTimeline worst = null;
        long worstMillis = -1;
        boolean anyUnrecovered = false;
        for (RecoveryTimeline t : timelines) {
            long millis;
            // The same outcome the reports show: a probe that never failed had nothing to recover from (0 ms).
            RecoveryTimeline.Recovery outcome = t.recovery();
            if (outcome == RecoveryTimeline.Recovery.NEVER_FAILED) {
                millis = 0;
            } else if (outcome == RecoveryTimeline.Recovery.RECOVERED) {
                millis = t.timeToRecoverMillis();
            } else {
                anyUnrecovered = true;
                millis = Math.max(0, Duration.between(t.injectedAt(), windowEnd).toMillis());
                findings.add("probe " + t.probe() + " did not recover within the run after fault " + t.faultId()
                        + " on " + t.target() + ": still failing when observation ended " + millis
                        + " ms after injection (last failure at " + t.lastFailedAt() + ")");
            }
            if (millis > worstMillis) {
                worstMillis = millis;
                worst = t;
            }
        }
        boolean passed = !anyUnrecovered && worstMillis <= limit;
        if (!passed && !anyUnrecovered) {
            findings.add(MAX_RECOVERY_TIME + " failed: probe " + worst.probe() + " recovered " + worstMillis
                    + " ms after fault " + worst.faultId() + " on " + worst.target() + ", above the limit of "
                    + (long) limit + " ms");
        }
        return new SloResult(MAX_RECOVERY_TIME, "ms", limit, (double) worstMillis,
                passed ? SloStatus.PASS : SloStatus.FAIL, method);
    }

    private static SloResult availability(List<RecoveryTimeline> timelines, double limit, String method,
            List<String> findings) {
        RecoveryTimeline worst = timelines.stream()
                .min(Comparator.comparingDouble(RecoveryTimeline::availabilityPercent))
                .orElseThrow();
        boolean passed = worst.availabilityPercent() >= limit;
        if (!passed) {
            findings.add(String.format(Locale.ROOT,
                    "%s failed: probe %s was available %.2f%% of the time after fault %s on %s (%d of %d probes"
                            + " failed%s), below the limit of %s%%",
                    MIN_AVAILABILITY, worst.probe(), worst.availabilityPercent(), worst.faultId(), worst.target(),
                    worst.probesFailed(), worst.probesInWindow(),
                    worst.failures() == null ? "" : ": " + worst.failures().describe(), trim(limit)));
        }
        return new SloResult(MIN_AVAILABILITY, "percent", limit, worst.availabilityPercent(),
                passed ? SloStatus.PASS : SloStatus.FAIL, method);
    }

    /** Why the objectives cannot be decided, or null when every timeline has probes in its window. */
    private static String missingData(List<RecoveryTimeline> timelines) {
        if (timelines.isEmpty()) {
            return "no fault was injected";
        }
        List<String> empty = timelines.stream()
                .filter(t -> t.probesInWindow() == 0)
                .map(t -> "probe " + t.probe() + " after fault " + t.faultId() + " on " + t.target())
                .toList();
        return empty.isEmpty() ? null : "no probe was taken after injection for " + String.join(", ", empty);
    }

    static String describe(List<Probe> probes) {
        return (probes.size() == 1 ? "probe " : "probes ") + probes.stream()
                .map(p -> p.name() + " (" + p.describe() + ") every " + DurationText.format(p.interval()))
                .collect(Collectors.joining(", "));
    }

    /** The resolution that holds for every timeline: the longest interval between two probes. */
    static String coarsestInterval(List<Probe> probes) {
        return probes.stream().map(Probe::interval).max(Comparator.naturalOrder())
                .map(DurationText::format).orElse("unknown");
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
