package dev.faultline.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.ecs.task.EcsTask;
import dev.faultline.ecs.task.StopReason;
import dev.faultline.ecs.task.TaskQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskQueryTest {

    private static EcsTask task(String group, String family, Map<String, String> tags) {
        return new EcsTask("arn:aws:ecs:us-east-1:123456789012:task/shop/abc", "arn:aws:ecs:::cluster/shop", group,
                family, 1, "RUNNING", "RUNNING", Optional.of("EC2"), tags, List.of());
    }

    @Test
    void theServiceComesFromTheGroupOrElseFromTheServiceNameTag() {
        assertThat(task("service:product", "f", Map.of()).serviceName()).contains("product");
        assertThat(task("family:f", "f", Map.of(EcsTask.SERVICE_NAME_TAG, "cart")).serviceName()).contains("cart");
        assertThat(task("family:f", "f", Map.of()).serviceName()).isEmpty();
    }

    @Test
    void matchesServiceFamilyAndEveryTag() {
        TaskQuery query = new TaskQuery("shop", Optional.of("product"), Optional.of("shop-product"),
                Map.of("team", "catalogue"));
        assertThat(query.matches(task("service:product", "shop-product", Map.of("team", "catalogue", "x", "y"))))
                .isTrue();
        assertThat(query.matches(task("service:product", "shop-product", Map.of("team", "search")))).isFalse();
        assertThat(query.matches(task("service:cart", "shop-product", Map.of("team", "catalogue")))).isFalse();
        assertThat(query.matches(task("service:product", "other", Map.of("team", "catalogue")))).isFalse();
    }

    @Test
    void aQueryNeedsACluster() {
        assertThatThrownBy(() -> TaskQuery.ofService(" ", "product")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStopReasonNamesFaultlineAndTheRunAndFitsStopTasksLimit() {
        assertThat(StopReason.of("run-1", "f-1")).isEqualTo("Faultline chaos experiment: run run-1, fault f-1 (ecs-stop-task)");
        assertThat(StopReason.of("r".repeat(400), null)).hasSize(StopReason.MAX_LENGTH).startsWith("Faultline");
    }
}
