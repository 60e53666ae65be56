package dev.faultline.orchestrator.targeting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.common.target.EcsTaskInfo;
import dev.faultline.common.target.TargetRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlastRadiusTest {

    private final BlastRadius caps = new BlastRadius(3, 50);

    @Test
    void atMostHalfOfAServicesReplicas() {
        AgentHeartbeat agent = agent(replicas("web", 4, "faultline.service"));
        assertThat(caps.check(targets(agent, 2), List.of(agent))).isEmpty();
        assertThat(caps.check(targets(agent, 3), List.of(agent))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("3 of the 4 replicas of service web"));
    }

    @Test
    void composeServiceLabelCountsToo() {
        AgentHeartbeat agent = agent(replicas("db", 2, "com.docker.compose.service"));
        assertThat(caps.check(targets(agent, 2), List.of(agent))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("service db"));
    }

    @Test
    void theTasksOfASwarmServiceAreOneService() {
        // Each task container has its own compose-less name (shop_product.1.<task id>) and task id: only the
        // service label ties them together.
        List<ContainerInfo> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(new ContainerInfo("t" + i, "shop_product." + (i + 1) + ".task" + i, "img", "running",
                    Map.of("faultline.enabled", "true", "com.docker.swarm.service.name", "shop_product",
                            "com.docker.swarm.task.id", "task" + i)));
        }
        AgentHeartbeat agent = agent(tasks);
        assertThat(new BlastRadius(3, 67).check(targets(agent, 2), List.of(agent))).isEmpty();
        assertThat(caps.check(targets(agent, 2), List.of(agent))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("2 of the 3 replicas of service shop_product"));
    }

    @Test
    void theTasksOfAnEcsServiceAreOneService() {
        String cluster = "arn:aws:ecs:us-east-1:123456789012:cluster/shop";
        List<ContainerInfo> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(new ContainerInfo("t" + i, "ecs-product-" + i, "img", "running", Map.of("faultline.enabled", "true"),
                    null, new EcsTaskInfo(cluster, "arn:aws:ecs:us-east-1:123456789012:task/shop/" + i, "product", 3,
                            "app", "product")));
        }
        AgentHeartbeat agent = agent(tasks);
        assertThat(caps.check(targets(agent, 2), List.of(agent))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("2 of the 3 replicas of service ecs:" + cluster
                        + "/product"));
    }

    @Test
    void atMostMaxTargetsInAll() {
        List<ContainerInfo> loners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            loners.add(new ContainerInfo("id" + i, "c" + i, "img", "running", Map.of("faultline.enabled", "true")));
        }
        AgentHeartbeat agent = agent(loners);
        assertThat(caps.check(targets(agent, 4), List.of(agent))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("4 targets").contains("max-targets"));
    }

    private static List<ContainerInfo> replicas(String service, int n, String label) {
        List<ContainerInfo> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new ContainerInfo(service + i, service + "-" + i, "img", "running",
                    Map.of("faultline.enabled", "true", label, service)));
        }
        return list;
    }

    private static AgentHeartbeat agent(List<ContainerInfo> inventory) {
        return AgentHeartbeat.of("a1", "h1", Duration.ofSeconds(2), inventory, Instant.now());
    }

    private static List<TargetRef> targets(AgentHeartbeat agent, int n) {
        return agent.inventory().stream().limit(n).map(c -> new TargetRef("a1", c.id(), c.name())).toList();
    }
}
