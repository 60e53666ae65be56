package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the load test saw from the first injection to the end of the window, from one line per response.
 *
 * @param latencyResolutionMillis resolution of the latencies (Artillery reports whole milliseconds)
 * @param perSecond               one bucket per second of the whole run, warm-up included
 * @param method                  how it was measured, in words
 * @param statuses                optional: every answer of the window per HTTP status, successes included
 * @param failures                optional: the window's failed requests by status and kind
 * @param routes                  the same figures per route (empty in verdicts written before routes existed)
 */
public record LoadSummary(long requests, long errors, double errorRatePercent, Long p50Millis, Long p95Millis,
        Long p99Millis, long latencyResolutionMillis, List<LoadSecond> perSecond, String method,
        Map<Integer, Long> statuses, FailureBreakdown failures, List<LoadRoute> routes) {

    public LoadSummary {
        Checks.start()
                .require(requests >= 0 && errors >= 0 && errors <= requests, "errors", "must be between 0 and requests")
                .inRange(errorRatePercent, 0, 100, "errorRatePercent")
                .notBlank(method, "method")
                .require(failures == null || failures.total() == errors, "failures", "must add up to errors")
                .throwIfAny();
        perSecond = perSecond == null ? List.of() : List.copyOf(perSecond);
        statuses = statuses == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(statuses));
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** A summary without breakdowns, as verdicts were written before statuses and routes existed. */
    public LoadSummary(long requests, long errors, double errorRatePercent, Long p50Millis, Long p95Millis,
            Long p99Millis, long latencyResolutionMillis, List<LoadSecond> perSecond, String method) {
        this(requests, errors, errorRatePercent, p50Millis, p95Millis, p99Millis, latencyResolutionMillis, perSecond,
                method, null, null, null);
    }
}
