package dev.faultline.observer.patterns;

import dev.faultline.common.experiment.CircuitBreakerSpec;
import dev.faultline.common.experiment.ResilienceChecks;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.observer.breaker.TrackedBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The resilience checks of a run, each from measurements: each named circuit breaker opened during the fault and
 * was closed at the end (breakers only discovered are shown, not judged); calls to the failing dependency did not grow beyond a bound of their rate before the fault
 * (no retry storm); probes of endpoints that do not use the dependency kept the availability objective (bulkhead).
 */
public final class ResilienceJudge {

    public static final String CIRCUIT_BREAKER = "circuit-breaker";
    public static final String RETRY_STORM = "retry-storm";
    public static final String BULKHEAD = "bulkhead";

    private ResilienceJudge() {
    }

    public static List<CheckResult> judge(ResilienceChecks checks, Slos slos, List<MetricsPoll> polls,
            long pollIntervalMillis, Instant firstInjection, Instant windowEnd, List<RecoveryTimeline> timelines) {
        List<CheckResult> results = new ArrayList<>();
        if (checks == null) {
            return results;
        }
        String resolution = "; resolution " + pollIntervalMillis + " ms (poll interval)";
        List<CircuitBreakerSpec> named = checks.namedBreakers();
        for (int i = 0; i < named.size(); i++) {
            TrackedBreaker breaker = TrackedBreaker.named(named.get(i));
            boolean firstForm = i == 0 && checks.circuitBreaker() != null;
            results.add(circuitBreaker(breaker, firstForm, readings(polls, breaker, i == 0), firstInjection,
                    resolution));
        }
        if (checks.retryCounter() != null) {
            results.add(retryStorm(checks, polls, firstInjection, windowEnd, resolution));
        }
        if (!checks.bulkheadProbes().isEmpty()) {
            results.add(bulkhead(checks, slos, timelines));
        }
        return results;
    }

    /**
     * The state of one named breaker at each poll whose endpoint answered: its state, or {@link MetricsPoll#NO_BREAKER}
     * when the answer had no series of it. The first named breaker is also the poll's {@code circuit}, which is all
     * that polls taken before several breakers existed carry.
     */
    private static List<Reading> readings(List<MetricsPoll> polls, TrackedBreaker breaker, boolean first) {
        List<Reading> readings = new ArrayList<>();
        for (MetricsPoll p : polls) {
            if (p.breakers().isEmpty()) {
                if (first && p.circuit() != null) {
                    readings.add(new Reading(p.at(), p.circuit()));
                }
                continue;
            }
            p.breakers().stream().filter(r -> r.breaker().equals(breaker)).findFirst().ifPresent(r ->
                    readings.add(new Reading(p.at(), r.state() == null ? MetricsPoll.NO_BREAKER : r.state())));
        }
        return readings;
    }

    private record Reading(Instant at, String state) {
    }

    private static CheckResult circuitBreaker(TrackedBreaker breaker, boolean firstForm, List<Reading> read,
            Instant injected, String resolution) {
        // The first form's wording is kept word for word; other breakers are named, since there may be several.
        String who = firstForm ? "" : "breaker " + breaker.name() + " (" + breaker.library() + "): ";
        String method = breaker.series() + " polled at " + breaker.metricsUrl() + resolution;
        if (read.isEmpty() || injected == null) {
            return new CheckResult(CIRCUIT_BREAKER, SloStatus.NO_DATA,
                    who + "circuit breaker state could not be read" + (injected == null ? " (no fault injected)" : ""),
                    method);
        }
        List<Reading> states = read.stream().filter(p -> !MetricsPoll.NO_BREAKER.equals(p.state())).toList();
        if (states.isEmpty()) {
            // The metrics answered every time without this breaker: nothing guards the call (or it is switched off).
            return new CheckResult(CIRCUIT_BREAKER, SloStatus.FAIL, who + "no circuit breaker opened: "
                    + breaker.metricsUrl() + " has no " + breaker.series() + " series in " + read.size()
                    + " polls (no circuit breaker guards that call)", method);
        }
        Instant opened = states.stream().filter(p -> !p.at().isBefore(injected) && "open".equals(p.state()))
                .map(Reading::at).findFirst().orElse(null);
        String last = states.get(states.size() - 1).state();
        if (opened == null) {
            return new CheckResult(CIRCUIT_BREAKER, SloStatus.FAIL,
                    who + "no circuit breaker opened during the fault (state stayed " + last + ")", method);
        }
        if (!"closed".equals(last)) {
            return new CheckResult(CIRCUIT_BREAKER, SloStatus.FAIL, who + "circuit breaker opened at " + opened
                    + " but was still " + last + " at the end of the run", method);
        }
        return new CheckResult(CIRCUIT_BREAKER, SloStatus.PASS, who + "circuit breaker opened at " + opened
                + " and was closed at the end of the run", method);
    }

    private static CheckResult retryStorm(ResilienceChecks checks, List<MetricsPoll> polls, Instant injected,
            Instant windowEnd, String resolution) {
        String method = checks.retryCounter() + " polled at " + checks.metricsUrl() + "; rate during the fault vs rate"
                + " before it, bound " + trim(checks.maxRetryFactor()) + "x (at least 1/s)" + resolution;
        List<MetricsPoll> read = polls.stream().filter(p -> p.retryCount() != null).toList();
        if (injected == null) {
            return new CheckResult(RETRY_STORM, SloStatus.NO_DATA, "no fault was injected", method);
        }
        List<MetricsPoll> before = read.stream().filter(p -> !p.at().isAfter(injected)).toList();
        List<MetricsPoll> during = read.stream().filter(p -> !p.at().isBefore(injected)).toList();
        if (before.size() < 2 || during.size() < 2) {
            return new CheckResult(RETRY_STORM, SloStatus.NO_DATA,
                    "too few readings of " + checks.retryCounter() + " before and during the fault", method);
        }
        double baseline = rate(before.get(0), before.get(before.size() - 1));
        double fault = rate(during.get(0), during.get(during.size() - 1));
        double bound = checks.maxRetryFactor() * Math.max(baseline, 1.0);
        String figures = String.format(Locale.ROOT, "%.1f/s during the fault vs %.1f/s before (bound %.1f/s)", fault,
                baseline, bound);
        return fault <= bound
                ? new CheckResult(RETRY_STORM, SloStatus.PASS, "calls to the failing dependency " + figures, method)
                : new CheckResult(RETRY_STORM, SloStatus.FAIL, "retry storm: calls to the failing dependency "
                        + figures, method);
    }

    private static CheckResult bulkhead(ResilienceChecks checks, Slos slos, List<RecoveryTimeline> timelines) {
        String method = "availability of probes " + checks.bulkheadProbes() + " from injection to the end of the run,"
                + " against min-availability " + trim(slos.minAvailabilityPercent()) + "%; resolution the probe interval";
        List<String> failed = new ArrayList<>();
        boolean any = false;
        for (RecoveryTimeline t : timelines) {
            if (checks.bulkheadProbes().contains(t.probe()) && t.probesInWindow() > 0) {
                any = true;
                if (t.availabilityPercent() < slos.minAvailabilityPercent()) {
                    // What the probe got is the first clue to why: a fallback's 405, a shared pool's timeouts.
                    failed.add(String.format(Locale.ROOT, "%s %.2f%% after fault %s%s", t.probe(),
                            t.availabilityPercent(), t.faultId(),
                            t.failures() == null ? "" : " (failures: " + t.failures().describe() + ")"));
                }
            }
        }
        if (!any) {
            return new CheckResult(BULKHEAD, SloStatus.NO_DATA, "no bulkhead probe was taken during the fault", method);
        }
        return failed.isEmpty()
                ? new CheckResult(BULKHEAD, SloStatus.PASS, "endpoints not using the failed dependency kept their SLO",
                        method)
                : new CheckResult(BULKHEAD, SloStatus.FAIL,
                        "endpoints not using the failed dependency lost their SLO: " + String.join(", ", failed), method);
    }

    private static double rate(MetricsPoll from, MetricsPoll to) {
        double seconds = Duration.between(from.at(), to.at()).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : (to.retryCount() - from.retryCount()) / seconds;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
