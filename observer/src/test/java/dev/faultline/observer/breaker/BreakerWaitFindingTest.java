package dev.faultline.observer.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.BreakerTimeline;
import dev.faultline.common.verdict.BreakerTransition;
import dev.faultline.common.verdict.RecoveryTimeline;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreakerWaitFindingTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant INJECTED = T0.plusSeconds(5);
    private static final Instant OPENED = T0.plusSeconds(8);
    private static final Instant HALF_OPEN = T0.plusSeconds(68);
    private static final Instant CLOSED = T0.plusSeconds(69);
    private static final Instant END = T0.plusSeconds(120);
    private static final TargetRef STOCK = new TargetRef("agent-1", "c0ffee", "shop-stock-1");

    private static final BreakerTimeline GATEWAY = new BreakerTimeline("defaultCircuitBreaker", "resilience4j",
            "http://127.0.0.1:8090/actuator/prometheus",
            "resilience4j_circuitbreaker_state{name=\"defaultCircuitBreaker\"}", false, 240, 240, List.of(
                    new BreakerTransition("closed", T0, null),
                    new BreakerTransition("open", OPENED, OPENED.minusMillis(500)),
                    new BreakerTransition("half-open", HALF_OPEN, HALF_OPEN.minusMillis(500)),
                    new BreakerTransition("closed", CLOSED, HALF_OPEN)), 500);

    @Test
    void aProbeBackOnlyWhenTheBreakerClosedAfterAMostlyOpenRecoveryNamesTheWaitAndItsInstants() {
        RecoveryTimeline orders = timeline("orders", INJECTED.plusSeconds(1), CLOSED.plusMillis(200));

        List<String> findings = BreakerWaitFinding.find(List.of(GATEWAY), List.of(orders), END);

        assertThat(findings).singleElement().asString()
                .startsWith("recovery dominated by a circuit breaker's wait: probe orders took 64.2 s to recover"
                        + " from fault f0 on shop-stock-1; breaker defaultCircuitBreaker (resilience4j) was open from "
                        + OPENED + " to " + HALF_OPEN + ", 60.0 s of it (93 %), and the probe passed again from "
                        + CLOSED.plusMillis(200))
                .contains("showed open first at the poll of " + OPENED + " and half-open first at the poll of "
                        + HALF_OPEN + " (resolution 500 ms)")
                .contains("the probe's recovery by send time (resolution 500 ms)");
    }

    @Test
    void aProbeBackWhileTheBreakerWasStillOpenWasNotKeptDownByIt() {
        RecoveryTimeline stock = timeline("stock", INJECTED.plusSeconds(1), T0.plusSeconds(25));
        assertThat(BreakerWaitFinding.find(List.of(GATEWAY), List.of(stock), END)).isEmpty();
    }

    @Test
    void aProbeBackLongAfterTheBreakerClosedFailedForAnotherReason() {
        RecoveryTimeline slow = timeline("slow", INJECTED.plusSeconds(1), CLOSED.plusSeconds(30));
        assertThat(BreakerWaitFinding.find(List.of(GATEWAY), List.of(slow), END)).isEmpty();
    }

    @Test
    void aShortOpenStateInALongRecoveryDoesNotDominateIt() {
        BreakerTimeline brief = new BreakerTimeline("b", "resilience4j", "http://127.0.0.1:1/metrics", "s", false,
                240, 240, List.of(new BreakerTransition("closed", T0, null),
                        new BreakerTransition("open", T0.plusSeconds(60), T0.plusSeconds(59)),
                        new BreakerTransition("closed", T0.plusSeconds(65), T0.plusSeconds(64))), 500);
        RecoveryTimeline orders = timeline("orders", INJECTED.plusSeconds(1), T0.plusSeconds(65).plusMillis(200));
        assertThat(BreakerWaitFinding.find(List.of(brief), List.of(orders), END)).isEmpty();
    }

    @Test
    void aProbeThatNeverFailedHasNoRecoveryToExplain() {
        RecoveryTimeline fine = new RecoveryTimeline("f0", STOCK, "fine", INJECTED, null, null, INJECTED, null, 0L,
                100, 200, 0, 500);
        assertThat(BreakerWaitFinding.find(List.of(GATEWAY), List.of(fine), END)).isEmpty();
    }

    private static RecoveryTimeline timeline(String probe, Instant detected, Instant recovered) {
        return new RecoveryTimeline("f0", STOCK, probe, INJECTED, detected, recovered.minusMillis(500), recovered,
                detected.toEpochMilli() - INJECTED.toEpochMilli(), recovered.toEpochMilli() - INJECTED.toEpochMilli(),
                50, 200, 100, 500);
    }
}
