package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resilience patterns the run must show ({@code resilience:}); each is judged only when configured.
 *
 * @param metricsUrl       the Prometheus endpoint of the service whose patterns are checked
 * @param circuitBreaker   label filter of the breaker's {@code ft_circuitbreaker_state_current} series, e.g.
 *                         {@code method="shop.OrderService.reserve"}; the breaker must open during the fault and be
 *                         closed at the end. The first form of a breaker, kept: the same as a {@code smallrye} entry
 *                         of {@code circuitBreakers} at {@code metricsUrl}
 * @param retryCounter     a counter of calls to the failing dependency, e.g.
 *                         {@code ft_invocations_total{method="shop.Stock.reserve"}}: its rate during the fault
 *                         must stay within {@code maxRetryFactor} times its rate before (no retry storm)
 * @param maxRetryFactor   default 2
 * @param bulkheadProbes   probes of endpoints that do not use the failed dependency: each must keep the
 *                         availability objective during the fault
 * @param metricsUrls      further metrics endpoints (a gateway's, another service's) read at every poll
 * @param circuitBreakers  breakers of any library, each of which must open during the fault and be closed at the
 *                         end. When neither this nor {@code circuitBreaker} names one, every breaker of a known
 *                         library (SmallRye, Resilience4j) found at the metrics endpoints is followed and shown,
 *                         without a pass/fail check (nobody said it must open)
 */
public record ResilienceChecks(String metricsUrl, String circuitBreaker, String retryCounter, Double maxRetryFactor,
        List<String> bulkheadProbes, List<String> metricsUrls, List<CircuitBreakerSpec> circuitBreakers) {

    public static final double DEFAULT_MAX_RETRY_FACTOR = 2.0;

    public ResilienceChecks {
        bulkheadProbes = bulkheadProbes == null ? List.of() : List.copyOf(bulkheadProbes);
        metricsUrls = metricsUrls == null ? List.of() : List.copyOf(metricsUrls);
        circuitBreakers = circuitBreakers == null ? List.of() : List.copyOf(circuitBreakers);
        maxRetryFactor = maxRetryFactor == null ? DEFAULT_MAX_RETRY_FACTOR : maxRetryFactor;
        Checks checks = Checks.start()
                .require(metricsUrl == null || HttpProbe.isHttpUrl(metricsUrl), "metricsUrl",
                        "must be an absolute http:// URL")
                .require((circuitBreaker == null && retryCounter == null) || metricsUrl != null, "metricsUrl",
                        "is required for the circuit-breaker and retry checks")
                .require(circuitBreaker == null || CircuitBreakerSpec.isLabelFilter(circuitBreaker), "circuitBreaker",
                        "must be 'label=\"value\",...', e.g. method=\"shop.Stock.reserve\"")
                .require(retryCounter == null
                        || PrometheusProbe.QUERY.matcher(retryCounter + " >= 0").matches(), "retryCounter",
                        "must be 'metric{label=\"value\"}'")
                .inRange(maxRetryFactor, 1, 1000, "maxRetryFactor");
        for (int i = 0; i < metricsUrls.size(); i++) {
            String url = metricsUrls.get(i);
            checks.require(url != null && HttpProbe.isHttpUrl(url), "metricsUrls[" + i + "]",
                    "must be an absolute http:// URL");
        }
        for (int i = 0; i < circuitBreakers.size(); i++) {
            CircuitBreakerSpec b = circuitBreakers.get(i);
            checks.require(b != null, "circuitBreakers[" + i + "]", "must be a breaker (library, name, ...)");
            checks.require(b == null || b.metricsUrl() != null || metricsUrl != null,
                    "circuitBreakers[" + i + "].metricsUrl", "is required when resilience.metricsUrl is not set");
        }
        checks.throwIfAny();
    }

    /** Without further endpoints and breakers, as the section was before they existed. */
    public ResilienceChecks(String metricsUrl, String circuitBreaker, String retryCounter, Double maxRetryFactor,
            List<String> bulkheadProbes) {
        this(metricsUrl, circuitBreaker, retryCounter, maxRetryFactor, bulkheadProbes, null, null);
    }

    /**
     * Every breaker the experiment names, each with its endpoint filled in: the legacy {@code circuitBreaker}
     * first, then {@code circuitBreakers} in their order.
     */
    public List<CircuitBreakerSpec> namedBreakers() {
        List<CircuitBreakerSpec> all = new ArrayList<>();
        if (circuitBreaker != null) {
            all.add(withUrl(CircuitBreakerSpec.smallrye(circuitBreaker)));
        }
        circuitBreakers.forEach(b -> all.add(withUrl(b)));
        return all;
    }

    /** Every metrics endpoint to read at each poll, without repeats. */
    public List<String> metricsEndpoints() {
        Set<String> urls = new LinkedHashSet<>();
        if (metricsUrl != null) {
            urls.add(metricsUrl);
        }
        urls.addAll(metricsUrls);
        circuitBreakers.stream().map(CircuitBreakerSpec::metricsUrl).filter(u -> u != null).forEach(urls::add);
        return List.copyOf(urls);
    }

    /** No breaker is named but an endpoint is given: follow every breaker of a known library found there. */
    public boolean discoversBreakers() {
        return namedBreakers().isEmpty() && !metricsEndpoints().isEmpty();
    }

    private CircuitBreakerSpec withUrl(CircuitBreakerSpec b) {
        return b.metricsUrl() != null ? b
                : new CircuitBreakerSpec(b.library(), b.name(), metricsUrl, b.labels(), b.open(), b.halfOpen());
    }
}
