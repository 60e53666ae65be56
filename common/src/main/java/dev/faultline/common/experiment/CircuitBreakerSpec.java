package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.util.List;
import java.util.Locale;

/**
 * One circuit breaker to follow ({@code resilience.circuitBreakers[]}), read from a Prometheus metrics endpoint
 * with the preset of its library or, for any other library, with conditions written by the author.
 *
 * <ul>
 * <li>{@code smallrye}: {@code ft_circuitbreaker_state_current{<labels>,state="closed|open|halfOpen"}} = 1;
 *     {@code labels} names the guarded method, e.g. {@code method="shop.Stock.reserve"}.</li>
 * <li>{@code resilience4j}: Micrometer's {@code resilience4j_circuitbreaker_state{name="<name>",state="..."}} = 1
 *     (states closed, open, half_open, disabled, forced_open, metrics_only); {@code name} is the breaker's name,
 *     {@code labels} may narrow further (e.g. {@code application="gateway"}).</li>
 * <li>{@code prometheus}: {@code open} is a condition ({@code metric{labels} OP number}) that holds while the
 *     breaker is open; {@code halfOpen}, optional, one that holds while it is half-open. Otherwise closed, as long
 *     as the series of {@code open} exists.</li>
 * </ul>
 *
 * @param library    {@code smallrye}, {@code resilience4j} or {@code prometheus}
 * @param name       how reports call the breaker; for {@code resilience4j} also its {@code name} label. Optional for
 *                   {@code smallrye} (then the value of the filter's first label)
 * @param metricsUrl where to read it; absent: {@code resilience.metricsUrl}
 * @param labels     label filter, {@code a="x",b="y"} (not for {@code prometheus})
 * @param open       the open condition ({@code prometheus} only)
 * @param halfOpen   the half-open condition ({@code prometheus} only, optional)
 */
public record CircuitBreakerSpec(String library, String name, String metricsUrl, String labels, String open,
        String halfOpen) {

    public static final String SMALLRYE = "smallrye";
    public static final String RESILIENCE4J = "resilience4j";
    public static final String PROMETHEUS = "prometheus";
    public static final List<String> LIBRARIES = List.of(SMALLRYE, RESILIENCE4J, PROMETHEUS);

    public CircuitBreakerSpec {
        library = library == null ? null : library.strip().toLowerCase(Locale.ROOT);
        boolean generic = PROMETHEUS.equals(library);
        Checks.start()
                .require(library != null && LIBRARIES.contains(library), "library",
                        "must be one of " + String.join(", ", LIBRARIES) + (library == null ? "" : ", was '" + library + "'"))
                .require(metricsUrl == null || HttpProbe.isHttpUrl(metricsUrl), "metricsUrl",
                        "must be an absolute http:// URL")
                .require(!RESILIENCE4J.equals(library) || (name != null && !name.isBlank()), "name",
                        "is required for resilience4j: the breaker's name label, e.g. defaultCircuitBreaker")
                .require(!SMALLRYE.equals(library) || (labels != null && !labels.isBlank()), "labels",
                        "is required for smallrye: the guarded method, e.g. method=\"shop.Stock.reserve\"")
                .require(labels == null || isLabelFilter(labels), "labels", "must be 'label=\"value\",...'")
                .require(!generic || labels == null, "labels", "is not used with prometheus; write the filter into open")
                .require(!generic || (name != null && !name.isBlank()), "name",
                        "is required for prometheus: how reports call the breaker")
                .require(!generic || isCondition(open), "open",
                        "is required for prometheus: 'metric{label=\"value\"} OP number' that holds while it is open")
                .require(!generic || halfOpen == null || isCondition(halfOpen), "halfOpen",
                        "must be 'metric{label=\"value\"} OP number'")
                .require(generic || open == null, "open", "is only for library prometheus; " + library + " has a preset")
                .require(generic || halfOpen == null, "halfOpen",
                        "is only for library prometheus; " + library + " has a preset")
                .throwIfAny();
    }

    /** The legacy {@code resilience.circuitBreaker} form: a SmallRye breaker on the section's metrics endpoint. */
    public static CircuitBreakerSpec smallrye(String labels) {
        return new CircuitBreakerSpec(SMALLRYE, null, null, labels, null, null);
    }

    /** {@code a="x",b="y"}, as a selector's braces hold it. */
    public static boolean isLabelFilter(String text) {
        return text != null && PrometheusProbe.QUERY.matcher("m{" + text + "} >= 0").matches()
                && text.contains("=");
    }

    private static boolean isCondition(String text) {
        return text != null && PrometheusProbe.QUERY.matcher(text).matches();
    }
}
