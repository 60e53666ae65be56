package dev.faultline.observer.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.SuccessStatus;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.BreakerTimeline;
import dev.faultline.common.verdict.BreakerTransition;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.observer.load.LoadResponse;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedBreakerFindingTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant OPENED = T0.plusSeconds(10);
    private static final Instant HALF_OPEN = T0.plusSeconds(70);
    private static final Instant END = T0.plusSeconds(90);
    private static final TargetRef STOCK = new TargetRef("agent-1", "c0ffee", "shop-stock-1");

    /** The gateway's one breaker: closed, open at 10 s for 60 s, half-open, closed at 71 s. */
    private static final BreakerTimeline GATEWAY = new BreakerTimeline("defaultCircuitBreaker", "resilience4j",
            "http://127.0.0.1:8090/actuator/prometheus",
            "resilience4j_circuitbreaker_state{name=\"defaultCircuitBreaker\"}", false, 181, 181, List.of(
                    new BreakerTransition("closed", T0, null),
                    new BreakerTransition("open", OPENED, OPENED.minusMillis(500)),
                    new BreakerTransition("half-open", HALF_OPEN, HALF_OPEN.minusMillis(500)),
                    new BreakerTransition("closed", T0.plusSeconds(71), HALF_OPEN)), 500);

    @Test
    void twoProbesFailingWhileOneBreakerIsOpenNameTheBreakerAndTheDependencysRecovery() {
        List<ProbeSample> samples = new ArrayList<>();
        samples.addAll(probe("orders", 10, 71));
        samples.addAll(probe("catalog", 10, 71));
        samples.addAll(probe("stock", 9, 25));
        List<RecoveryTimeline> timelines = List.of(timeline("stock", 9, 25), timeline("orders", 10, 71),
                timeline("catalog", 10, 71));

        List<String> findings = SharedBreakerFinding.find(List.of(GATEWAY), samples, timelines, END);

        assertThat(findings).hasSize(1);
        assertThat(findings.get(0))
                .startsWith("shared circuit breaker: breaker defaultCircuitBreaker (resilience4j) was open from "
                        + OPENED + " to " + HALF_OPEN + " (60.0 s); probes catalog, orders failed during it")
                .contains("orders: 120 of 120 probes failed, sent " + OPENED + " to " + HALF_OPEN.minusMillis(500))
                .contains("probe stock, failing since fault f0 on shop-stock-1, passed again from "
                        + T0.plusSeconds(25) + ", and the breaker stayed open 45.0 s after")
                .contains("evidence: resilience4j_circuitbreaker_state{name=\"defaultCircuitBreaker\"} at "
                        + "http://127.0.0.1:8090/actuator/prometheus showed open first at the poll of " + OPENED
                        + " (the poll before, " + OPENED.minusMillis(500) + ", did not) and half-open first at the poll"
                        + " of " + HALF_OPEN)
                .contains("resolution 500 ms (poll interval)");
    }

    @Test
    void loadRoutesFailingWhileTheBreakerIsOpenCountLikeProbes() {
        List<LoadResponse> load = new ArrayList<>();
        for (long ms = 0; ms < 90_000; ms += 1000) {
            Instant at = T0.plusMillis(ms);
            boolean open = !at.isBefore(OPENED) && at.isBefore(HALF_OPEN);
            load.add(new LoadResponse(at, open ? 405 : 200, 4, null, "GET /api/orders/{{ id }}", null));
            load.add(new LoadResponse(at, 200, 4, null, "GET /api/ratings", null));
            load.add(new LoadResponse(at, open ? 0 : 200, 4, null, null, open ? "ETIMEDOUT" : null));
        }

        List<String> findings = SharedBreakerFinding.find(List.of(GATEWAY), probe("catalog", 10, 71), load,
                SuccessStatus.DEFAULT, List.of(), END);

        assertThat(findings).singleElement().asString()
                .contains("; probe catalog and route GET /api/orders/{{ id }} failed during it (")
                .contains("GET /api/orders/{{ id }}: 60 of 60 requests failed, sent " + OPENED)
                .doesNotContain("ratings");
        assertThat(SharedBreakerFinding.find(List.of(GATEWAY), probe("catalog", 10, 71), load, null, List.of(), END))
                .as("without a load test its responses are not read").isEmpty();
    }

    @Test
    void oneFailingProbeIsNotASharedBreaker() {
        List<ProbeSample> samples = new ArrayList<>();
        samples.addAll(probe("orders", 10, 71));
        samples.addAll(probe("catalog", 0, 0));

        assertThat(SharedBreakerFinding.find(List.of(GATEWAY), samples, List.of(), END)).isEmpty();
    }

    @Test
    void aProbeStillFailingOnceTheBreakerClosedIsNotBehindIt() {
        // orders keeps failing after the breaker closed at 71 s: its own dependency is down, not the breaker's doing.
        List<ProbeSample> samples = new ArrayList<>();
        samples.addAll(probe("orders", 10, 90));
        samples.addAll(probe("catalog", 10, 71));
        samples.addAll(probe("ratings", 10, 71));

        assertThat(SharedBreakerFinding.find(List.of(GATEWAY), samples, List.of(), END)).singleElement().asString()
                .contains("probes catalog, ratings failed during it").doesNotContain("orders");
        assertThat(SharedBreakerFinding.find(List.of(GATEWAY), samples.subList(0, 360), List.of(), END)).isEmpty();
    }

    @Test
    void failuresOutsideTheOpenIntervalDoNotCount() {
        List<ProbeSample> samples = new ArrayList<>();
        samples.addAll(probe("orders", 72, 80));
        samples.addAll(probe("catalog", 72, 80));

        assertThat(SharedBreakerFinding.find(List.of(GATEWAY), samples, List.of(), END)).isEmpty();
    }

    @Test
    void aBreakerStillOpenAtTheEndIsOpenUntilTheWindowCloses() {
        BreakerTimeline stuck = new BreakerTimeline("b", "smallrye", "http://127.0.0.1:8081/q/metrics",
                "ft_circuitbreaker_state_current{method=\"b\"}", true, 10, 10,
                List.of(new BreakerTransition("open", OPENED, null)), 500);
        List<ProbeSample> samples = new ArrayList<>();
        samples.addAll(probe("orders", 10, 90));
        samples.addAll(probe("catalog", 10, 90));

        assertThat(SharedBreakerFinding.find(List.of(stuck), samples, List.of(), END)).singleElement()
                .asString().contains("to " + END + " (still open when the window closed) (80.0 s)");
    }

    @Test
    void aDependencyBackBeforeTheBreakerWasSeenOpenStillShowsHowLongTheBreakerKeptTheRoutesDown() {
        // The gateway's calls failed from 9 s (the routes' fallbacks); the stock service was back at 9.5 s; calls
        // still in flight failed after that and opened the breaker, first seen at 10 s.
        List<ProbeSample> samples = new ArrayList<>();
        samples.addAll(probe("orders", 9, 71));
        samples.addAll(probe("catalog", 9, 71));
        samples.addAll(probe("stock", 9, 9));
        samples.removeIf(x -> x.probe().equals("stock") && x.sentAt().equals(T0.plusSeconds(9)));
        samples.add(new ProbeSample("stock", T0.plusSeconds(9), false, 503, null, 3)); // its one failure
        List<RecoveryTimeline> timelines = List.of(timeline("stock", T0.plusSeconds(9), T0.plusMillis(9500)));

        assertThat(SharedBreakerFinding.find(List.of(GATEWAY), samples, timelines, END)).singleElement().asString()
                .contains("probes catalog, orders failed during it")
                .contains("probe stock, failing since fault f0 on shop-stock-1, passed again from "
                        + T0.plusMillis(9500) + ", before the breaker was seen open, and the breaker then stayed"
                        + " open 60.0 s");
    }

    @Test
    void anOutageOverBeforeTheFailuresThatOpenedTheBreakerIsNotTheDependencysRecovery() {
        List<ProbeSample> samples = new ArrayList<>();
        samples.addAll(probe("orders", 10, 71));
        samples.addAll(probe("catalog", 10, 71));
        samples.addAll(probe("stock", 2, 5));
        List<RecoveryTimeline> timelines = List.of(timeline("stock", T0.plusSeconds(2), T0.plusSeconds(5)));

        assertThat(SharedBreakerFinding.find(List.of(GATEWAY), samples, timelines, END)).singleElement().asString()
                .contains("probes catalog, orders failed during it").doesNotContain("probe stock");
    }

    /** A probe every 500 ms from 0 to 90 s, failing from {@code failFrom} (inclusive) to {@code failTo} s. */
    private static List<ProbeSample> probe(String name, int failFrom, int failTo) {
        List<ProbeSample> samples = new ArrayList<>();
        for (long ms = 0; ms < 90_000; ms += 500) {
            Instant at = T0.plusMillis(ms);
            boolean failed = ms >= failFrom * 1000L && ms < failTo * 1000L;
            samples.add(failed ? new ProbeSample(name, at, false, 503, null, 3)
                    : new ProbeSample(name, at, true, 200, null, 3));
        }
        return samples;
    }

    private static RecoveryTimeline timeline(String probe, Instant detected, Instant recovered) {
        return new RecoveryTimeline("f0", STOCK, probe, detected, detected, recovered.minusMillis(500), recovered,
                0L, recovered.toEpochMilli() - detected.toEpochMilli(), 99, 180, 2, 500);
    }

    private static RecoveryTimeline timeline(String probe, int failFrom, int recoveredAt) {
        Instant injected = T0.plusSeconds(9);
        return new RecoveryTimeline("f0", STOCK, probe, injected, T0.plusSeconds(failFrom),
                T0.plusSeconds(recoveredAt).minusMillis(500), T0.plusSeconds(recoveredAt),
                (long) (failFrom - 9) * 1000, (long) (recoveredAt - 9) * 1000, 50, 162, 81, 500);
    }
}
