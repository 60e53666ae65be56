package dev.faultline.observer.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.ResilienceChecks;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.SloStatus;
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
