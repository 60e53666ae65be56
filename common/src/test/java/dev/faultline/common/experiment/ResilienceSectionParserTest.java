package dev.faultline.common.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.faultline.common.experiment.CircuitBreakerSpec;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.ResilienceChecks;
import dev.faultline.common.validation.Violation;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The {@code resilience:} section: the first single-breaker form, several breakers and endpoints, discovery. */
class ResilienceSectionParserTest {

    private final ExperimentParser parser = new ExperimentParser();

    @Test
    void theFirstFormStillNamesOneSmallRyeBreakerAtMetricsUrl() {
        ResilienceChecks r = parse("""
                  metricsUrl: http://127.0.0.1:8081/q/metrics
                  circuitBreaker: method="shop.StockClient.reserve"
                """);

        assertThat(r.namedBreakers()).containsExactly(new CircuitBreakerSpec("smallrye", null,
                "http://127.0.0.1:8081/q/metrics", "method=\"shop.StockClient.reserve\"", null, null));
        assertThat(r.discoversBreakers()).isFalse();
    }

    @Test
    void readsBreakersOfSeveralLibrariesAtSeveralEndpoints() {
        ResilienceChecks r = parse("""
                  metricsUrl: http://127.0.0.1:8081/q/metrics
                  metricsUrls: [http://127.0.0.1:8090/actuator/prometheus]
                  circuitBreakers:
                    - library: resilience4j
                      name: defaultCircuitBreaker
                      metricsUrl: http://127.0.0.1:8090/actuator/prometheus
                    - library: smallrye
                      labels: method="shop.StockClient.reserve"
                    - library: prometheus
                      name: legacy-pool
                      metricsUrl: http://127.0.0.1:8095/metrics
                      open: pool_breaker_open{pool="db"} == 1
                      halfOpen: pool_breaker_probing{pool="db"} == 1
                """);

        assertThat(r.namedBreakers()).extracting(CircuitBreakerSpec::library, CircuitBreakerSpec::metricsUrl)
                .containsExactly(
                        tuple("resilience4j", "http://127.0.0.1:8090/actuator/prometheus"),
                        tuple("smallrye", "http://127.0.0.1:8081/q/metrics"),
                        tuple("prometheus", "http://127.0.0.1:8095/metrics"));
        assertThat(r.metricsEndpoints()).containsExactly("http://127.0.0.1:8081/q/metrics",
                "http://127.0.0.1:8090/actuator/prometheus", "http://127.0.0.1:8095/metrics");
    }

    @Test
    void anEndpointWithoutANamedBreakerDiscoversThem() {
        ResilienceChecks r = parse("""
                  metricsUrls: [http://127.0.0.1:8090/actuator/prometheus]
                """);

        assertThat(r.discoversBreakers()).isTrue();
        assertThat(r.namedBreakers()).isEmpty();
    }

    @Test
    void badBreakersAreRefusedAtTheirPaths() {
        assertViolation("""
                  circuitBreakers:
                    - library: hystrix
                      name: x
                      metricsUrl: http://127.0.0.1:8090/metrics
                """, "resilience.circuitBreakers[0].library", "one of smallrye, resilience4j, prometheus");
        assertViolation("""
                  metricsUrl: http://127.0.0.1:8090/metrics
                  circuitBreakers:
                    - library: resilience4j
                      name: a
                    - library: resilience4j
                """, "resilience.circuitBreakers[1].name", "the breaker's name label");
        assertViolation("""
                  circuitBreakers:
                    - library: resilience4j
                      name: a
                """, "resilience.circuitBreakers[0].metricsUrl", "when resilience.metricsUrl is not set");
        assertViolation("""
                  metricsUrl: http://127.0.0.1:8090/metrics
                  circuitBreakers:
                    - library: prometheus
                      name: a
                      open: breaker_open{x="y"}
                """, "resilience.circuitBreakers[0].open", "OP number");
        assertViolation("""
                  metricsUrl: http://127.0.0.1:8090/metrics
                  circuitBreakers:
                    - library: resilience4j
                      name: a
                      open: breaker_open == 1
                """, "resilience.circuitBreakers[0].open", "only for library prometheus");
        assertViolation("""
                  metricsUrls: [ftp://host/metrics]
                """, "resilience.metricsUrls[0]", "http://");
        assertViolation("""
                  metricsUrl: http://127.0.0.1:8090/metrics
                  circuitBreakers:
                    - library: smallrye
                      labels: shop.Stock
                """, "resilience.circuitBreakers[0].labels", "label=");
    }

    private ResilienceChecks parse(String section) {
        Experiment e = parser.parse(ExperimentParserTest.VALID + "resilience:\n" + section,
                ExperimentParser.Format.YAML);
        return e.resilience();
    }

    private void assertViolation(String section, String field, String messagePart) {
        ThrowingCallable call = () -> parse(section);
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidExperimentException.class, e -> {
            List<Violation> violations = e.violations();
            assertThat(violations).as(violations.toString()).anySatisfy(v -> {
                assertThat(v.field()).isEqualTo(field);
                assertThat(v.message()).contains(messagePart);
            });
        });
    }
}
