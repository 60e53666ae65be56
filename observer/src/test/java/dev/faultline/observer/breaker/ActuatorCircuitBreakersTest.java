package dev.faultline.observer.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.experiment.CircuitBreakerSpec;
import dev.faultline.observer.metrics.Series;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActuatorCircuitBreakersTest {

    /** resilience4j-spring-boot3's /actuator/circuitbreakers, two breakers. */
    private static final String ACTUATOR = """
            {"circuitBreakers":{
              "defaultCircuitBreaker":{"failureRate":"100.0%","slowCallRate":"0.0%","failureRateThreshold":"50.0%",
                "slowCallRateThreshold":"100.0%","bufferedCalls":10,"failedCalls":10,"slowCalls":0,
                "slowFailedCalls":0,"notPermittedCalls":37,"state":"OPEN"},
              "ratings":{"failureRate":"-1.0%","bufferedCalls":0,"failedCalls":0,"slowCalls":0,"slowFailedCalls":0,
                "notPermittedCalls":0,"state":"HALF_OPEN"}}}
            """;

    @Test
    void readsEachBreakersStateAsTheMicrometerSeries() {
        List<Series> series = ActuatorCircuitBreakers.series(ACTUATOR);

        assertThat(ActuatorCircuitBreakers.isJson(ACTUATOR)).isTrue();
        assertThat(TrackedBreaker.named(new CircuitBreakerSpec("resilience4j", "defaultCircuitBreaker",
                "http://127.0.0.1:8090/actuator/circuitbreakers", null, null, null)).state(series)).contains("open");
        assertThat(TrackedBreaker.discoverIn(series, "http://127.0.0.1:8090/actuator/circuitbreakers"))
                .extracting(TrackedBreaker::name).containsExactly("defaultCircuitBreaker", "ratings");
        assertThat(TrackedBreaker.discoverIn(series, "u").get(1).state(series)).contains("half-open");
    }

    @Test
    void namesWithoutStatesGiveNoSeriesAndBrokenJsonIsAnError() {
        assertThat(ActuatorCircuitBreakers.series("{\"circuitBreakers\":[\"a\",\"b\"]}")).isEmpty();
        assertThatThrownBy(() -> ActuatorCircuitBreakers.series("{\"circuitBreakers\":")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("/actuator/circuitbreakers");
    }
}
