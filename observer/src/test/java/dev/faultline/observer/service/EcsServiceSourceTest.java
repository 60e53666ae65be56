package dev.faultline.observer.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.ecs.service.EcsServiceState;
import dev.faultline.ecs.task.EcsTask;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EcsServiceSourceTest {

    private static final Instant AT = Instant.parse("2026-12-01T12:00:10Z");
    private static final Instant STARTED = Instant.parse("2026-12-01T11:00:00Z");

    @Test
    void theRunningTasksAreTheReplicasAndEcsDesiredCountTheDesired() {
        EcsServiceState state = new EcsServiceState(AT, "arn:aws:ecs:us-east-1:1:cluster/shop", "product",
                "arn:aws:ecs:us-east-1:1:service/shop/product", "ACTIVE", 3, 2, 1, List.of(), List.of(), List.of());
        ServiceSnapshot snapshot = EcsServiceSource.snapshot(AT, state, List.of(
                task("a", "RUNNING", "RUNNING", "HEALTHY", Optional.of(STARTED)),
                task("b", "RUNNING", "RUNNING", "UNHEALTHY", Optional.of(STARTED)),
                task("c", "RUNNING", "RUNNING", "UNKNOWN", Optional.empty()),
                task("d", "PENDING", "RUNNING", "UNKNOWN", Optional.empty()),
                task("e", "RUNNING", "STOPPED", "HEALTHY", Optional.of(STARTED))));

        assertThat(snapshot.platformDesired()).isEqualTo(3);
        assertThat(snapshot.replicas()).extracting(ReplicaState::name)
                .as("pending and stopping tasks are not running replicas").containsExactly("a", "b", "c");
        assertThat(snapshot.running()).isEqualTo(3);
        assertThat(snapshot.healthy()).as("HEALTHY, and UNKNOWN (no health check) while it runs").isEqualTo(2);
        assertThat(snapshot.replicas().get(0).startedAt()).isEqualTo(STARTED);
        assertThat(snapshot.replicas().get(2).startedAt()).as("not started by ECS's account yet: the sample's instant")
                .isEqualTo(AT);
        assertThat(snapshot.replicas()).allSatisfy(r -> assertThat(r.healthySince()).isNull());
    }

    private static EcsTask task(String id, String lastStatus, String desiredStatus, String health,
            Optional<Instant> startedAt) {
        return new EcsTask("arn:aws:ecs:us-east-1:1:task/shop/" + id, "arn:aws:ecs:us-east-1:1:cluster/shop",
                "service:product", "product", 7, lastStatus, desiredStatus, Optional.of("FARGATE"), Map.of(),
                List.of(), startedAt, health);
    }
}
