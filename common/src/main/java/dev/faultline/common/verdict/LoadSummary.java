package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.util.List;

/**
 * What the load test saw from the first injection to the end of the window, from one line per response.
 *
 * @param latencyResolutionMillis resolution of the latencies (Artillery reports whole milliseconds)
 * @param perSecond               one bucket per second of the whole run, warm-up included
 * @param method                  how it was measured, in words
 */
public record LoadSummary(long requests, long errors, double errorRatePercent, Long p50Millis, Long p95Millis,
        Long p99Millis, long latencyResolutionMillis, List<LoadSecond> perSecond, String method) {

    public LoadSummary {
        Checks.start()
                .require(requests >= 0 && errors >= 0 && errors <= requests, "errors", "must be between 0 and requests")
                .inRange(errorRatePercent, 0, 100, "errorRatePercent")
                .notBlank(method, "method")
                .throwIfAny();
        perSecond = perSecond == null ? List.of() : List.copyOf(perSecond);
    }
}
