package dev.faultline.observer.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.TargetState;
import dev.faultline.common.event.TargetStateChanged;
import dev.faultline.common.experiment.ServiceKind;
import dev.faultline.common.experiment.ServiceTarget;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.ServiceCount;
import dev.faultline.common.verdict.ServiceMark;
import dev.faultline.common.verdict.ServiceRecovery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceRecoveryCalculatorTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final ServiceTarget SWARM = new ServiceTarget(ServiceKind.SWARM, "shop_product", null, null, null);
    static final long INTERVAL = 250;

    /** Three tasks a, b, c; a and b killed at +1 s; Swarm starts d and e at +6 s, healthy at +9.0 and +9.2 s. */
    static List<ServiceSnapshot> killTwoOfThree(boolean withHealthLog) {
        List<ServiceSnapshot> snapshots = new ArrayList<>();
        for (long ms = 0; ms <= 12_000; ms += INTERVAL) {
            Instant at = T0.plusMillis(ms);
            List<ReplicaState> replicas = new ArrayList<>();
            if (ms < 1_000) {
                replicas.add(healthyOld("a"));
                replicas.add(healthyOld("b"));
            }
            replicas.add(healthyOld("c"));
            if (ms >= 6_000) {
                replicas.add(replica("d", 6_000, 9_000, ms, withHealthLog));
                replicas.add(replica("e", 6_100, 9_200, ms, withHealthLog));
            }
            snapshots.add(new ServiceSnapshot(at, 3, replicas));
        }
        return snapshots;
    }

    static ReplicaState healthyOld(String id) {
        return new ReplicaState(id, "shop_product." + id, true, T0.minusSeconds(60), null);
    }

    static ReplicaState replica(String id, long startMs, long healthyMs, long nowMs, boolean withHealthLog) {
        boolean healthy = nowMs >= healthyMs;
        return new ReplicaState(id, "shop_product." + id, healthy, T0.plusMillis(startMs),
                healthy && withHealthLog ? T0.plusMillis(healthyMs) : null);
    }

    static List<FaultInjected> killsOf(String... ids) {
        List<FaultInjected> kills = new ArrayList<>();
        for (String id : ids) {
            kills.add(FaultInjected.of("r1", "f-" + id, "container-kill", new TargetRef("agent", id, "shop_product." + id),
                    T0.plusMillis(1_000), 5, T0.plusMillis(1_010)));
        }
        return kills;
    }

    @Test
    void fromTheDockerStateAloneEveryMarkIsDockersOwnInstant() {
        ServiceRecovery r = ServiceRecoveryCalculator.calculate(
                new ServiceSamples(SWARM, INTERVAL, killTwoOfThree(true), List.of(), 0), killsOf("a", "b"), List.of());

        assertThat(r.desired()).isEqualTo(3);
        assertThat(r.desiredFrom()).isEqualTo("platform");
        assertThat(r.replicasHit()).isEqualTo(2);
        assertThat(r.injectedAt()).isEqualTo(T0.plusMillis(1_000));
        assertThat(r.replacementStarted()).isEqualTo(new ServiceMark(T0.plusMillis(6_000), 0, ServiceMark.DOCKER_STATE));
        assertThat(r.replacementHealthy()).isEqualTo(new ServiceMark(T0.plusMillis(9_000), 0, ServiceMark.DOCKER_STATE));
        assertThat(r.backToDesired()).isEqualTo(new ServiceMark(T0.plusMillis(9_200), 0, ServiceMark.DOCKER_STATE));
        assertThat(r.sampledBackToDesiredAt()).isEqualTo(T0.plusMillis(9_250));
        assertThat(r.serviceRtoMillis()).isEqualTo(8_200);
        assertThat(r.minHealthy()).isEqualTo(1);
        assertThat(r.replacements()).extracting(rep -> rep.containerId()).containsExactly("d", "e");
        assertThat(r.counts()).extracting(ServiceCount::healthy).containsExactly(3, 1, 1, 2, 3);
        assertThat(r.counts()).extracting(ServiceCount::running).containsExactly(3, 1, 3, 3, 3);
    }

    @Test
    void withoutDockersInstantsTheSampleSaysWhenToOneInterval() {
        ServiceRecovery r = ServiceRecoveryCalculator.calculate(
                new ServiceSamples(SWARM, INTERVAL, killTwoOfThree(false), List.of(), 0), killsOf("a", "b"), List.of());

        assertThat(r.replacementHealthy()).isEqualTo(new ServiceMark(T0.plusMillis(9_000), INTERVAL, ServiceMark.SAMPLE));
        assertThat(r.backToDesired()).isEqualTo(new ServiceMark(T0.plusMillis(9_250), INTERVAL, ServiceMark.SAMPLE));
        assertThat(r.serviceRtoMillis()).isEqualTo(8_250);
    }

    @Test
    void theAgentsDockerEventsGiveTheInstantsWhenReported() {
        Instant upD = T0.plusMillis(5_990);
        Instant healthyD = T0.plusMillis(8_995);
        Instant healthyE = T0.plusMillis(9_180);
        List<TargetStateChanged> events = List.of(
                event("f-a", "a", TargetState.DOWN, "die", T0.plusMillis(1_020)),
                event("f-a", "d", TargetState.UP, "start", upD),
                event("f-a", "d", TargetState.HEALTHY, "health_status: healthy", healthyD),
                event("f-b", "e", TargetState.HEALTHY, "health_status: healthy", healthyE));
        ServiceRecovery r = ServiceRecoveryCalculator.calculate(
                new ServiceSamples(SWARM, INTERVAL, killTwoOfThree(false), List.of(), 0), killsOf("a", "b"), events);

        assertThat(r.replacementStarted()).isEqualTo(new ServiceMark(upD, 0, ServiceMark.DOCKER_EVENT));
        assertThat(r.replacementHealthy()).isEqualTo(new ServiceMark(healthyD, 0, ServiceMark.DOCKER_EVENT));
        assertThat(r.backToDesired()).isEqualTo(new ServiceMark(healthyE, 0, ServiceMark.DOCKER_EVENT));
        assertThat(r.serviceRtoMillis()).isEqualTo(8_180);
    }

    @Test
    void aReplicaKilledBetweenTwoSamplesCountsByTheAgentsEventsOfItsFault() {
        // Replica "z" lived only between two samples (a slow platform); its fault's events name replacement d.
        List<FaultInjected> kills = new ArrayList<>(killsOf("a"));
        kills.add(FaultInjected.of("r1", "f-z", "container-kill", new TargetRef("agent", "z", "shop_product.z"),
                T0.plusMillis(900), 5, T0.plusMillis(910)));
        List<TargetStateChanged> events = List.of(event("f-z", "d", TargetState.UP, "start", T0.plusMillis(6_000)));
        ServiceRecovery r = ServiceRecoveryCalculator.calculate(
                new ServiceSamples(SWARM, INTERVAL, killTwoOfThree(true), List.of(), 0), kills, events);
        assertThat(r.replicasHit()).isEqualTo(2);
        assertThat(r.injectedAt()).isEqualTo(T0.plusMillis(900));
    }

    @Test
    void aServiceThatNeverGetsBackIsNotRecovered() {
        List<ServiceSnapshot> snapshots = killTwoOfThree(true).stream()
                .map(s -> new ServiceSnapshot(s.at(), 3, s.replicas().stream()
                        .filter(rep -> !rep.containerId().equals("e")).toList()))
                .toList();
        ServiceRecovery r = ServiceRecoveryCalculator.calculate(new ServiceSamples(SWARM, INTERVAL, snapshots,
                List.of(), 0), killsOf("a", "b"), List.of());
        assertThat(r.recovered()).isFalse();
        assertThat(r.notRecovered()).isTrue();
        assertThat(r.serviceRtoMillis()).isNull();
        assertThat(r.replacementHealthy().at()).isEqualTo(T0.plusMillis(9_000));
    }

    @Test
    void composeDesiresTheRunStartCountUnlessTheExperimentSaysReplicas() {
        ServiceTarget compose = new ServiceTarget(ServiceKind.COMPOSE, "product", "shop", null, null);
        List<ServiceSnapshot> noPlatformCount = killTwoOfThree(true).stream()
                .map(s -> new ServiceSnapshot(s.at(), null, s.replicas())).toList();
        ServiceRecovery r = ServiceRecoveryCalculator.calculate(new ServiceSamples(compose, INTERVAL, noPlatformCount,
                List.of(), 0), killsOf("a"), List.of());
        assertThat(r.desired()).isEqualTo(3);
        assertThat(r.desiredFrom()).isEqualTo("run-start");

        ServiceTarget four = new ServiceTarget(ServiceKind.COMPOSE, "product", "shop", null, 4);
        ServiceRecovery wantsFour = ServiceRecoveryCalculator.calculate(new ServiceSamples(four, INTERVAL,
                noPlatformCount, List.of(), 0), killsOf("a"), List.of());
        assertThat(wantsFour.desired()).isEqualTo(4);
        assertThat(wantsFour.desiredFrom()).isEqualTo("replicas");
        assertThat(wantsFour.recovered()).isFalse();
    }

    @Test
    void aServiceNoFaultHitHasCountsButNoRecovery() {
        ServiceRecovery r = ServiceRecoveryCalculator.calculate(
                new ServiceSamples(SWARM, INTERVAL, killTwoOfThree(true), List.of(), 0), killsOf("elsewhere"),
                List.of());
        assertThat(r.injectedAt()).isNull();
        assertThat(r.backToDesired()).isNull();
        assertThat(r.notRecovered()).isFalse();
        assertThat(r.counts()).isNotEmpty();
    }

    static TargetStateChanged event(String faultId, String container, TargetState state, String action, Instant at) {
        return TargetStateChanged.of("r1", faultId, new TargetRef("agent", container, "shop_product." + container),
                state, action, at, at);
    }
}
