package dev.faultline.observer.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.Scaling;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.ScalingReport;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.testsupport.TestContainers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scaling verdict against real containers: a service of two demo targets (with Docker health checks) gains a
 * third (the scale-out) and then loses one to a kill; Docker's own events must give the cold start, the scale-out
 * time and the fall back to two healthy replicas. About 30 s.
 */
class DockerReplicaEventsIT {

    private final TestContainers containers = new TestContainers();

    @AfterEach
    void removeContainers() {
        containers.close();
    }

    @Test
    void dockersEventsTimeTheScaleOutTheColdStartAndTheLossOfAReplica() {
        Map<String, String> service = Map.of("faultline.test.scaling", UUID.randomUUID().toString());
        DockerReplicaEvents replicas = new DockerReplicaEvents(containers.docker());
        TestContainers.Started first = containers.startDemoTarget("fl-scaling", service);
        TestContainers.Started second = containers.startDemoTarget("fl-scaling", service);
        awaitHealthy(replicas, service, 2);

        Instant runStart = Instant.now();
        ReplicaSource.EventWatch watch = replicas.watch(service);
        List<ReplicaInfo> atStart = replicas.replicas(service);
        Instant trigger = Instant.now();
        TestContainers.Started added = containers.startDemoTarget("fl-scaling", service);
        awaitHealthy(replicas, service, 3);
        // Docker's kill through its API counts as a stop: the restart policy leaves it down.
        containers.docker().killContainerCmd(first.id()).exec();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> watch.events(runStart, Instant.now()).stream()
                .anyMatch(e -> e.id().equals(first.id()) && e.kind() == ReplicaEvent.Kind.STOPPED));
        Instant windowEnd = Instant.now();
        List<ReplicaEvent> watched = watch.events(runStart, windowEnd);
        List<ReplicaInfo> started = watch.started();
        watch.close();
        assertThat(watched).anyMatch(e -> e.id().equals(added.id()) && e.kind() == ReplicaEvent.Kind.STARTED)
                .anyMatch(e -> e.id().equals(added.id()) && e.kind() == ReplicaEvent.Kind.HEALTHY);
        // read at its start, with the address it had then (a scale-in may remove it before the end)
        assertThat(started).anySatisfy(r -> {
            assertThat(r.id()).isEqualTo(added.id());
            assertThat(r.name()).isEqualTo(added.name());
            assertThat(r.addresses()).isNotEmpty();
        });

        ScalingEvidence evidence = new ScalingEvidence(atStart, replicas.replicas(service), watched, List.of(), null,
                null);
        Scaling spec = new Scaling(service, null, null, Duration.ofSeconds(60), Duration.ofSeconds(60), 2, null);
        ScalingJudge.Judgement judged = ScalingJudge.judge(spec, evidence, "a replica added", trigger, null,
                List.of(), 250, runStart, windowEnd);
        ScalingReport report = judged.report();

        assertThat(atStart).extracting(ReplicaInfo::name).containsExactlyInAnyOrder(first.name(), second.name());
        assertThat(report.fromReplicas()).isEqualTo(2);
        assertThat(report.toReplicas()).isEqualTo(3);
        assertThat(report.scaleOutMillis()).isPositive().isGreaterThanOrEqualTo(report.scaleOutStartedMillis());
        ScalingReport.ColdStart cold = report.coldStarts().stream().filter(c -> c.replica().equals(added.name()))
                .findFirst().orElseThrow();
        // Docker runs the first health check one interval (5 s) after the start of the demo target.
        assertThat(cold.startToHealthyMillis()).isBetween(1_000L, 20_000L);
        assertThat(report.minHealthy()).as(report.points().toString()).isEqualTo(2);
        assertThat(report.events()).anyMatch(e -> e.kind().equals("stopped") && e.replica().equals(first.name()));
        CheckResult minHealthy = judged.checks().stream()
                .filter(c -> c.name().equals(ScalingJudge.MIN_HEALTHY_REPLICAS)).findFirst().orElseThrow();
        assertThat(minHealthy.status()).isEqualTo(SloStatus.PASS);

        // The same run with a stricter floor: the kill took the healthy count from 3 to 2.
        Scaling strict = new Scaling(service, null, null, null, null, 3, null);
        CheckResult failed = ScalingJudge.judge(strict, evidence, "a replica added", trigger, null, List.of(), 250,
                runStart, windowEnd).checks().get(0);
        assertThat(failed.status()).isEqualTo(SloStatus.FAIL);
        assertThat(failed.detail()).contains("fewest healthy replicas 2");
    }

    private static void awaitHealthy(DockerReplicaEvents replicas, Map<String, String> service, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                .until(() -> replicas.replicas(service).stream().filter(ReplicaInfo::countsHealthy).count() >= count);
    }
}
