package dev.faultline.observer.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.CircuitBreakerSpec;
import dev.faultline.common.experiment.ResilienceChecks;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.observer.breaker.BreakerReading;
import dev.faultline.observer.breaker.TrackedBreaker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResilienceJudgeTest {

    private static final Instant INJECTED = Instant.parse("2026-11-27T10:00:10Z");
    private static final ResilienceChecks BREAKER = new ResilienceChecks("http://127.0.0.1:18102/q/metrics",
            "method=\"shop.Catalog.product\"", null, null, null);

    @Test
    void metricsWithoutTheBreakerMeanNoCircuitBreakerOpened() {
        CheckResult result = circuitCheck(polls(MetricsPoll.NO_BREAKER));

        assertThat(result.status()).isEqualTo(SloStatus.FAIL);
        assertThat(result.detail()).startsWith("no circuit breaker opened")
                .contains("no circuit breaker guards that call").contains("20 polls");
    }

    @Test
    void metricsThatCouldNotBeReadAreNoData() {
        assertThat(circuitCheck(polls(null)).status()).isEqualTo(SloStatus.NO_DATA);
    }

    @Test
    void aBreakerThatAppearsLateIsJudgedOnTheReadingsThatHaveIt() {
        List<MetricsPoll> polls = polls(MetricsPoll.NO_BREAKER);
        polls.set(12, new MetricsPoll(INJECTED.plusSeconds(2), "open", null, Map.of()));
        polls.set(19, new MetricsPoll(INJECTED.plusSeconds(9), "closed", null, Map.of()));

        CheckResult result = circuitCheck(polls);

        assertThat(result.status()).isEqualTo(SloStatus.PASS);
        assertThat(result.detail()).contains("opened at " + INJECTED.plusSeconds(2));
    }

    @Test
    void eachNamedBreakerOfAnyLibraryIsJudgedOnItsOwnReadings() {
        String gatewayUrl = "http://127.0.0.1:8090/actuator/prometheus";
        CircuitBreakerSpec gatewaySpec = new CircuitBreakerSpec("resilience4j", "defaultCircuitBreaker", gatewayUrl,
                null, null, null);
        CircuitBreakerSpec ratingsSpec = new CircuitBreakerSpec("resilience4j", "ratings", gatewayUrl, null, null,
                null);
        ResilienceChecks checks = new ResilienceChecks(null, null, null, null, null, null,
                List.of(gatewaySpec, ratingsSpec));
        TrackedBreaker gateway = TrackedBreaker.named(gatewaySpec);
        TrackedBreaker ratings = TrackedBreaker.named(ratingsSpec);
        List<MetricsPoll> polls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Instant at = INJECTED.minusSeconds(10).plusSeconds(i);
            String state = i >= 11 && i < 17 ? "open" : "closed";
            polls.add(new MetricsPoll(at, state, null, Map.of(),
                    List.of(new BreakerReading(gateway, state), new BreakerReading(ratings, null))));
        }

        List<CheckResult> results = ResilienceJudge.judge(checks, Slos.defaults(), polls, 500, INJECTED,
                INJECTED.plusSeconds(10), List.of());

        assertThat(results).extracting(CheckResult::status).containsExactly(SloStatus.PASS, SloStatus.FAIL);
        assertThat(results.get(0).detail()).isEqualTo("breaker defaultCircuitBreaker (resilience4j): circuit breaker"
                + " opened at " + INJECTED.plusSeconds(1) + " and was closed at the end of the run");
        assertThat(results.get(0).method()).startsWith("resilience4j_circuitbreaker_state{name=\"defaultCircuitBreaker\"}"
                + " polled at " + gatewayUrl);
        assertThat(results.get(1).detail()).startsWith("breaker ratings (resilience4j): no circuit breaker opened: "
                + gatewayUrl + " has no resilience4j_circuitbreaker_state{name=\"ratings\"} series in 20 polls");
    }

    @Test
    void breakersOnlyDiscoveredAreShownNotJudged() {
        ResilienceChecks discovering = new ResilienceChecks(null, null, null, null, null,
                List.of("http://127.0.0.1:8090/actuator/prometheus"), null);

        assertThat(ResilienceJudge.judge(discovering, Slos.defaults(), polls("open"), 500, INJECTED,
                INJECTED.plusSeconds(10), List.of())).isEmpty();
    }

    private static CheckResult circuitCheck(List<MetricsPoll> polls) {
        return ResilienceJudge.judge(BREAKER, Slos.defaults(), polls, 500, INJECTED, INJECTED.plusSeconds(10),
                List.of()).get(0);
    }

    /** One poll a second from 10 s before the injection, all with the same circuit reading. */
    private static List<MetricsPoll> polls(String circuit) {
        List<MetricsPoll> polls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            polls.add(new MetricsPoll(INJECTED.minusSeconds(10).plusSeconds(i), circuit, null, Map.of()));
        }
        return polls;
    }
}
