package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The load test's requests of one route in the fault window. A route is the Artillery request's {@code name}, else
 * its method and URL path as written in the script, without the query ({@code GET /items/{{ id }}}).
 *
 * @param statuses every answer per HTTP status, successes included
 * @param failures the failed requests by status and kind
 */
public record LoadRoute(String route, long requests, long errors, double errorRatePercent, Long p50Millis,
        Long p95Millis, Long p99Millis, Map<Integer, Long> statuses, FailureBreakdown failures) {

    public LoadRoute {
        statuses = statuses == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(statuses));
        failures = failures == null ? FailureBreakdown.NONE : failures;
        Checks.start()
                .notBlank(route, "route")
                .require(requests >= 0 && errors >= 0 && errors <= requests, "errors", "must be between 0 and requests")
                .inRange(errorRatePercent, 0, 100, "errorRatePercent")
                .require(failures.total() == errors, "failures", "must add up to errors")
                .throwIfAny();
    }
}
