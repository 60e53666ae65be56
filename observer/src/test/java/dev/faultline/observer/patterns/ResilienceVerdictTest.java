package dev.faultline.observer.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.LoadBalancer;
import dev.faultline.common.experiment.LoadTest;
import dev.faultline.common.experiment.ResilienceChecks;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.experiment.SteadyState;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.observer.load.LoadResponse;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.run.ObservedRun;
import dev.faultline.observer.routing.ServerState;
import dev.faultline.observer.run.VerdictJudge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The judging half of the negative control: the same fault, observed once on a service whose resilience is
 * switched off (no breaker opens, callers see errors, calls to the dependency multiply, the unrelated endpoint
 * suffers) and once with it on. Off must FAIL naming each failed check; on must PASS.
 */
class ResilienceVerdictTest {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    static final Instant INJECTED = T0.plusSeconds(3);
    static final Instant END = INJECTED.plusSeconds(10);
    static final TargetRef STOCK = new TargetRef("agent-1", "c1", "shop-stock-1");

    static Experiment experiment() {
        return new Experiment("stock-outage", "", Duration.ofSeconds(10),
                new SteadyState(Duration.ofSeconds(3), List.of(
                        new HttpProbe("orders", "http://127.0.0.1:1/orders", 200, Duration.ofMillis(100), null),
                        new HttpProbe("catalog", "http://127.0.0.1:1/catalog", 200, Duration.ofMillis(100), null))),
                List.of(new FaultStep(new TargetSelection(new Selector("shop-stock-1", null), null, null, null),
                        ContainerKill.sigkill())),
                new Slos(Duration.ofSeconds(30), 90.0),
                new LoadTest(null, "http://127.0.0.1:1/orders", "POST", "{}", 20, null, null),
                new LoadBalancer("http://127.0.0.1:1/stats;csv", "stock", Map.of("shop-stock-1", "stock1")),
                new ResilienceChecks("http://127.0.0.1:1/q/metrics", "method=\"Stock.reserve\"",
                        "ft_invocations_total{method=\"Stock.reserve\"}", 2.0, List.of("catalog")),
                null);
    }

    static ObservedRun observed(boolean resilient) {
        List<ProbeSample> samples = new ArrayList<>();
        List<LoadResponse> load = new ArrayList<>();
        List<MetricsPoll> polls = new ArrayList<>();
        double calls = 0;
        for (long ms = 0; ms < 13_000; ms += 100) {
            Instant at = T0.plusMillis(ms);
            boolean fault = !at.isBefore(INJECTED) && at.isBefore(INJECTED.plusSeconds(5));
            // orders degrade gracefully (fallback) when resilient, fail when not; catalog suffers only without bulkhead
            samples.add(ProbeSample.answered("orders", at, fault && !resilient ? 500 : 200, 200, 5));
            samples.add(ProbeSample.answered("catalog", at, fault && !resilient && ms % 300 == 0 ? 503 : 200, 200, 5));
            load.add(new LoadResponse(at, fault && !resilient ? 500 : 200, 12, null));
            load.add(new LoadResponse(at.plusMillis(50), 200, 15, null));
            String circuit = resilient && fault ? (at.isBefore(INJECTED.plusSeconds(4)) ? "open" : "half-open") : "closed";
            calls += fault ? (resilient ? 0 : 10) : 2; // per 100 ms: retries multiply without a breaker
            polls.add(new MetricsPoll(at, circuit, calls, Map.of(
                    "stock1", new ServerState(!fault, fault ? "DOWN" : "UP", 0L))));
        }
        return new ObservedRun("run-1", experiment(), INJECTED, List.of(FaultInjected.of("run-1", "f0",
                "container-kill", STOCK, INJECTED, 3, INJECTED)), List.of(), samples, END, null, load, polls, 100,
                null);
    }

    @Test
    void withoutResilienceTheVerdictFailsAndNamesTheFailedChecks() {
        RunVerdict v = VerdictJudge.judge(observed(false), END);

        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.checks()).filteredOn(c -> c.status() == SloStatus.FAIL).extracting(CheckResult::name)
                .containsExactlyInAnyOrder("circuit-breaker", "retry-storm", "bulkhead");
        assertThat(v.findings())
                .anySatisfy(f -> assertThat(f).contains("no circuit breaker opened"))
                .anySatisfy(f -> assertThat(f).startsWith("max-error-rate failed").contains("above the limit of 1%"))
                .anySatisfy(f -> assertThat(f).contains("retry storm"))
                .anySatisfy(f -> assertThat(f).startsWith("routing: the load balancer routed traffic away from"
                        + " shop-stock-1's server stock1 at " + INJECTED + " (0.0 s after fault f0; reported DOWN)"))
                .anySatisfy(f -> assertThat(f).startsWith("bulkhead failed").contains("catalog")
                        .contains("(failures: 503 ×"));
        assertThat(v.load().errorRatePercent()).isBetween(20.0, 30.0);
    }

    @Test
    void withResilienceTheVerdictPassesAndTheTimelineShowsThePatterns() {
        RunVerdict v = VerdictJudge.judge(observed(true), END);

        assertThat(v.findings()).isEmpty();
        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.checks()).extracting(CheckResult::status).containsOnly(SloStatus.PASS);
        var timeline = v.timelines().get(0);
        assertThat(timeline.routedAwayAt()).isEqualTo(INJECTED);
        assertThat(timeline.circuitOpenedAt()).isEqualTo(INJECTED);
        assertThat(timeline.circuitHalfOpenAt()).isEqualTo(INJECTED.plusSeconds(4));
        assertThat(timeline.circuitClosedAt()).isEqualTo(INJECTED.plusSeconds(5));
        assertThat(timeline.metricsResolutionMillis()).isEqualTo(100);
    }
}
