package dev.faultline.common.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.json.ChaosJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A container's ECS task, from the labels the ECS agent puts on every task container of a container instance. */
class EcsTaskInfoTest {

    private static final String ARN = "arn:aws:ecs:us-east-1:123456789012:task/shop/0b69d5c0d6554695a98cd5d2d5EXAMPLE";

    private static final Map<String, String> ECS_LABELS = Map.of(
            "com.amazonaws.ecs.task-arn", ARN,
            "com.amazonaws.ecs.container-name", "product",
            "com.amazonaws.ecs.task-definition-family", "shop-product",
            "com.amazonaws.ecs.task-definition-version", "7",
            "com.amazonaws.ecs.cluster", "shop");

    @Test
    void readsTheTaskFromTheEcsAgentsLabels() {
        EcsTaskInfo task = EcsTaskInfo.fromLabels(ECS_LABELS).orElseThrow();
        assertThat(task).isEqualTo(new EcsTaskInfo("shop", ARN, "shop-product", 7, "product", null));
        assertThat(task.taskId()).isEqualTo("0b69d5c0d6554695a98cd5d2d5EXAMPLE");
        assertThat(task.withService("product").service()).isEqualTo("product");
    }

    @Test
    void aContainerEcsDidNotStartHasNoTask() {
        assertThat(EcsTaskInfo.fromLabels(Map.of("com.docker.compose.service", "web"))).isEmpty();
        assertThat(EcsTaskInfo.fromLabels(Map.of("com.amazonaws.ecs.task-arn", ARN))).as("no cluster").isEmpty();
    }

    @Test
    void anUnreadableRevisionIsZero() {
        Map<String, String> labels = new java.util.HashMap<>(ECS_LABELS);
        labels.put("com.amazonaws.ecs.task-definition-version", "latest");
        assertThat(EcsTaskInfo.fromLabels(labels).orElseThrow().revision()).isZero();
    }

    @Test
    void anInventoryEntryCarriesItsTaskAndOldOnesReadWithout() throws Exception {
        ContainerInfo onInstance = new ContainerInfo("c1", "ecs-shop-product-7-product-e4a1", "img", "running",
                ECS_LABELS, "label faultline.enabled=true");
        assertThat(onInstance.ecsTask()).isNotNull();
        assertThat(onInstance.ecsTask().family()).isEqualTo("shop-product");

        ContainerInfo roundTrip = ChaosJson.read(ChaosJson.write(onInstance.withEcsTask(
                onInstance.ecsTask().withService("product"))), ContainerInfo.class);
        assertThat(roundTrip.ecsTask().service()).isEqualTo("product");

        String older = "{\"id\":\"c1\",\"name\":\"web\",\"image\":\"img\",\"state\":\"running\",\"labels\":{}}";
        assertThat(ChaosJson.read(older, ContainerInfo.class).ecsTask()).isNull();
    }
}
