package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.util.List;

/**
 * Resilience patterns the run must show ({@code resilience:}); each is judged only when configured.
 *
 * @param metricsUrl       the Prometheus endpoint of the service whose patterns are checked
 * @param circuitBreaker   label filter of the breaker's {@code ft_circuitbreaker_state_current} series, e.g.
 *                         {@code method="shop.OrderService.reserve"}; the breaker must open during the fault and be
 *                         closed at the end
 * @param retryCounter     a counter of calls to the failing dependency, e.g.
 *                         {@code ft_invocations_total{method="shop.Stock.reserve"}}: its rate during the fault
 *                         must stay within {@code maxRetryFactor} times its rate before (no retry storm)
 * @param maxRetryFactor   default 2
 * @param bulkheadProbes   probes of endpoints that do not use the failed dependency: each must keep the
 *                         availability objective during the fault
 */
public record ResilienceChecks(String metricsUrl, String circuitBreaker, String retryCounter, Double maxRetryFactor,
        List<String> bulkheadProbes) {

    public static final double DEFAULT_MAX_RETRY_FACTOR = 2.0;

    public ResilienceChecks {
        bulkheadProbes = bulkheadProbes == null ? List.of() : List.copyOf(bulkheadProbes);
        maxRetryFactor = maxRetryFactor == null ? DEFAULT_MAX_RETRY_FACTOR : maxRetryFactor;
        Checks.start()
                .require(metricsUrl == null || HttpProbe.isHttpUrl(metricsUrl), "metricsUrl",
                        "must be an absolute http:// URL")
                .require((circuitBreaker == null && retryCounter == null) || metricsUrl != null, "metricsUrl",
                        "is required for the circuit-breaker and retry checks")
                .require(retryCounter == null
                        || PrometheusProbe.QUERY.matcher(retryCounter + " >= 0").matches(), "retryCounter",
                        "must be 'metric{label=\"value\"}'")
                .inRange(maxRetryFactor, 1, 1000, "maxRetryFactor")
                .throwIfAny();
    }
}
