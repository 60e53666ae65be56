package dev.faultline.observer.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.CircuitBreakerSpec;
import dev.faultline.observer.metrics.ExpositionParser;
import dev.faultline.observer.metrics.Series;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackedBreakerTest {

    private static final String URL = "http://127.0.0.1:8090/actuator/prometheus";

    /** What a Spring Boot gateway serves (Micrometer, resilience4j-micrometer), one breaker open. */
    private static final List<Series> GATEWAY = ExpositionParser.parse("""
            # HELP resilience4j_circuitbreaker_state The states of the circuit breaker
            # TYPE resilience4j_circuitbreaker_state gauge
            resilience4j_circuitbreaker_state{application="gateway",name="defaultCircuitBreaker",state="closed"} 0.0
            resilience4j_circuitbreaker_state{application="gateway",name="defaultCircuitBreaker",state="disabled"} 0.0
            resilience4j_circuitbreaker_state{application="gateway",name="defaultCircuitBreaker",state="forced_open"} 0.0
            resilience4j_circuitbreaker_state{application="gateway",name="defaultCircuitBreaker",state="half_open"} 0.0
            resilience4j_circuitbreaker_state{application="gateway",name="defaultCircuitBreaker",state="metrics_only"} 0.0
            resilience4j_circuitbreaker_state{application="gateway",name="defaultCircuitBreaker",state="open"} 1.0
            resilience4j_circuitbreaker_state{application="gateway",name="ratings",state="closed"} 0.0
            resilience4j_circuitbreaker_state{application="gateway",name="ratings",state="half_open"} 1.0
            resilience4j_circuitbreaker_state{application="gateway",name="ratings",state="open"} 0.0
            resilience4j_circuitbreaker_failure_rate{application="gateway",name="defaultCircuitBreaker"} 100.0
            ft_circuitbreaker_state_current{method="shop.Stock.reserve",state="closed"} 1.0
            ft_circuitbreaker_state_current{method="shop.Stock.reserve",state="open"} 0.0
            ft_circuitbreaker_state_current{method="shop.Stock.reserve",state="halfOpen"} 0.0
            legacy_breaker{pool="db"} 2
            """);

    @Test
    void readsAResilience4jBreakerByItsName() {
        TrackedBreaker b = TrackedBreaker.named(new CircuitBreakerSpec("resilience4j", "defaultCircuitBreaker", URL,
                null, null, null));

        assertThat(b.state(GATEWAY)).contains("open");
        assertThat(b.series()).isEqualTo("resilience4j_circuitbreaker_state{name=\"defaultCircuitBreaker\"}");
        assertThat(TrackedBreaker.named(new CircuitBreakerSpec("resilience4j", "ratings", URL, "application=\"gateway\"",
                null, null)).state(GATEWAY)).contains("half-open");
        assertThat(TrackedBreaker.named(new CircuitBreakerSpec("resilience4j", "orders", URL, null, null, null))
                .state(GATEWAY)).isEmpty();
    }

    @Test
    void readsEveryResilience4jState() {
        for (var state : Map.of("closed", "closed", "open", "open", "half_open", "half-open", "disabled", "disabled",
                "forced_open", "forced-open", "metrics_only", "metrics-only").entrySet()) {
            List<Series> scrape = List.of(
                    new Series("resilience4j_circuitbreaker_state", Map.of("name", "b", "state", state.getKey()), 1.0),
                    new Series("resilience4j_circuitbreaker_state", Map.of("name", "b", "state", "closed"),
                            state.getKey().equals("closed") ? 1.0 : 0.0));
            assertThat(BreakerLibrary.RESILIENCE4J.state(scrape, Map.of("name", "b"))).as(state.getKey())
                    .contains(state.getValue());
        }
    }

    @Test
    void readsTheFirstFormsSmallRyeBreaker() {
        TrackedBreaker b = TrackedBreaker.named(new CircuitBreakerSpec("smallrye", null, URL,
                "method=\"shop.Stock.reserve\"", null, null));

        assertThat(b.state(GATEWAY)).contains("closed");
        assertThat(b.name()).isEqualTo("shop.Stock.reserve");
        assertThat(b.series()).isEqualTo("ft_circuitbreaker_state_current{method=\"shop.Stock.reserve\"}");
    }

    @Test
    void readsAnyLibraryThroughTheAuthorsConditions() {
        TrackedBreaker open = TrackedBreaker.named(new CircuitBreakerSpec("prometheus", "db-pool", URL, null,
                "legacy_breaker{pool=\"db\"} == 1", "legacy_breaker{pool=\"db\"} == 2"));
        TrackedBreaker absent = TrackedBreaker.named(new CircuitBreakerSpec("prometheus", "other", URL, null,
                "legacy_breaker{pool=\"cache\"} == 1", null));
        TrackedBreaker closed = TrackedBreaker.named(new CircuitBreakerSpec("prometheus", "no-half", URL, null,
                "legacy_breaker{pool=\"db\"} == 1", null));

        assertThat(open.state(GATEWAY)).contains("half-open");
        assertThat(absent.state(GATEWAY)).isEmpty();
        assertThat(closed.state(GATEWAY)).contains("closed");
    }

    @Test
    void discoversEveryBreakerOfAKnownLibrary() {
        List<TrackedBreaker> found = TrackedBreaker.discoverIn(GATEWAY, URL);

        assertThat(found).extracting(TrackedBreaker::name, TrackedBreaker::library)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("shop.Stock.reserve", "smallrye"),
                        org.assertj.core.groups.Tuple.tuple("defaultCircuitBreaker", "resilience4j"),
                        org.assertj.core.groups.Tuple.tuple("ratings", "resilience4j"));
        assertThat(found).allMatch(TrackedBreaker::discovered);
        assertThat(found.get(1).state(GATEWAY)).contains("open");
        assertThat(found.get(1).series())
                .isEqualTo("resilience4j_circuitbreaker_state{application=\"gateway\",name=\"defaultCircuitBreaker\"}");
    }
}
