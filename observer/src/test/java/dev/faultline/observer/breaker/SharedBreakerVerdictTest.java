package dev.faultline.observer.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.ResilienceChecks;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.experiment.SteadyState;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.BreakerTimeline;
import dev.faultline.common.verdict.BreakerTransition;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.observer.metrics.ExpositionParser;
import dev.faultline.observer.patterns.MetricsPoll;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.run.ObservedRun;
import dev.faultline.observer.run.VerdictJudge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run of issue 10 in small: a gateway whose one Resilience4j breaker guards every route, only its metrics URL
 * given. The stock backend is killed and back 5 s later; the breaker stays open 15 s; the orders and catalog routes
 * fail all that time. The verdict must carry the discovered breaker's changes and say why catalog failed.
 */
class SharedBreakerVerdictTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant INJECTED = T0.plusSeconds(5);
    private static final Instant OPENED = T0.plusSeconds(6);
    private static final Instant STOCK_BACK = T0.plusSeconds(10);
    private static final Instant HALF_OPEN = T0.plusSeconds(21);
    private static final Instant CLOSED = T0.plusMillis(21_500);
    private static final Instant END = T0.plusSeconds(30);
    private static final String GATEWAY = "http://127.0.0.1:8090/actuator/prometheus";
    private static final TargetRef STOCK = new TargetRef("agent-1", "c1", "shop-stock-1");

    @Test
    void theVerdictShowsTheDiscoveredBreakerAndWhyRoutesWithoutTheDependencyFailed() {
        RunVerdict v = VerdictJudge.judge(observed(), END);

        BreakerTimeline breaker = v.breakers().get(0);
        assertThat(v.breakers()).hasSize(1);
        assertThat(breaker.breaker()).isEqualTo("defaultCircuitBreaker");
        assertThat(breaker.discovered()).isTrue();
        assertThat(breaker.transitions()).extracting(BreakerTransition::state, BreakerTransition::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("closed", T0),
                org.assertj.core.groups.Tuple.tuple("open", OPENED),
                org.assertj.core.groups.Tuple.tuple("half-open", HALF_OPEN),
                org.assertj.core.groups.Tuple.tuple("closed", CLOSED));
        assertThat(v.checks()).noneMatch(c -> c.name().equals("circuit-breaker"));
        assertThat(v.findings()).anySatisfy(f -> assertThat(f)
                .startsWith("shared circuit breaker: breaker defaultCircuitBreaker (resilience4j) was open from "
                        + OPENED + " to " + HALF_OPEN + " (15.0 s); probes catalog, orders failed during it")
                .contains("probe stock, failing since fault f0 on shop-stock-1, passed again from " + STOCK_BACK
                        + ", and the breaker stayed open 11.0 s after"));
    }

    private static ObservedRun observed() {
        List<ProbeSample> samples = new ArrayList<>();
        List<MetricsPoll> polls = new ArrayList<>();
        for (long ms = 0; ms < 30_000; ms += 500) {
            Instant at = T0.plusMillis(ms);
            boolean stockDown = !at.isBefore(INJECTED) && at.isBefore(STOCK_BACK);
            boolean breakerRejects = !at.isBefore(OPENED) && at.isBefore(HALF_OPEN);
            boolean routeFails = !at.isBefore(INJECTED) && at.isBefore(HALF_OPEN);
            samples.add(ProbeSample.answered("stock", at, stockDown ? 503 : 200, 200, 3));
            samples.add(ProbeSample.answered("orders", at, routeFails ? 503 : 200, 200, 3));
            samples.add(ProbeSample.answered("catalog", at, breakerRejects ? 503 : 200, 200, 3));
            String state = breakerRejects ? "open" : at.isBefore(OPENED) || !at.isBefore(CLOSED) ? "closed"
                    : "half_open";
            String scrape = "resilience4j_circuitbreaker_state{name=\"defaultCircuitBreaker\",state=\"" + state
                    + "\"} 1.0\n";
            polls.add(new MetricsPoll(at, null, null, Map.of(), TrackedBreaker.discoverIn(ExpositionParser.parse(scrape),
                    GATEWAY).stream().map(b -> new BreakerReading(b, b.state(ExpositionParser.parse(scrape))
                    .orElse(null))).toList()));
        }
        return new ObservedRun("run-1", experiment(), INJECTED, List.of(FaultInjected.of("run-1", "f0",
                "container-kill", STOCK, INJECTED, 3, INJECTED)), List.of(), samples, END, null, List.of(), polls, 500,
                null);
    }

    private static Experiment experiment() {
        return new Experiment("gateway-stock-outage", "", Duration.ofSeconds(25),
                new SteadyState(Duration.ofSeconds(5), List.of(
                        new HttpProbe("stock", "http://127.0.0.1:1/stock", 200, Duration.ofMillis(500), null),
                        new HttpProbe("orders", "http://127.0.0.1:1/orders", 200, Duration.ofMillis(500), null),
                        new HttpProbe("catalog", "http://127.0.0.1:1/catalog", 200, Duration.ofMillis(500), null))),
                List.of(new FaultStep(new TargetSelection(new Selector("shop-stock-1", null), null, null, null),
                        ContainerKill.sigkill())),
                new Slos(Duration.ofSeconds(30), 90.0), null, null,
                new ResilienceChecks(null, null, null, null, null, List.of(GATEWAY), null), null);
    }
}
