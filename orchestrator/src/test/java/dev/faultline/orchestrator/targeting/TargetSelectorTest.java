package dev.faultline.orchestrator.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.experiment.SelectionMode;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.ServiceKind;
import dev.faultline.common.experiment.ServiceTarget;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.common.target.EcsTaskInfo;
import dev.faultline.common.target.TargetRef;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetSelectorTest {

    static final Map<String, String> WEB = Map.of("faultline.enabled", "true", "app", "web");

    static AgentHeartbeat agent(String id, ContainerInfo... containers) {
        return AgentHeartbeat.of(id, id + ".host", Duration.ofSeconds(2), List.of(containers), Instant.EPOCH);
    }

    static ContainerInfo container(String name, String state, Map<String, String> labels) {
        return new ContainerInfo("id-" + name, name, "img", state, labels);
    }

    final List<AgentHeartbeat> agents = List.of(
            agent("a1", container("web-1", "running", WEB), container("web-2", "running", WEB),
                    container("web-3", "exited", WEB)),
            agent("a2", container("web-4", "running", WEB),
                    container("web-5", "running", Map.of("app", "web")),
                    container("db-1", "running", Map.of("faultline.enabled", "true", "app", "db"))));

    @Test
    void onlyRunningOptedInMatchesAreCandidates() {
        List<TargetRef> c = TargetSelector.candidates(sel(null, null, SelectionMode.FIXED), agents);
        assertThat(c).extracting(TargetRef::containerName).containsExactly("web-1", "web-2", "web-4");
        assertThat(c.get(2).agentId()).isEqualTo("a2");
    }

    @Test
    void fixedModeTakesTheFirstByName() {
        assertThat(new TargetSelector(new Random(1)).select(sel(2, null, SelectionMode.FIXED), agents))
                .extracting(TargetRef::containerName).containsExactly("web-1", "web-2");
    }

    @Test
    void percentRoundsUpAndHitsAtLeastOne() {
        TargetSelector selector = new TargetSelector(new Random(1));
        assertThat(selector.select(sel(null, 50, SelectionMode.FIXED), agents)).hasSize(2);
        assertThat(selector.select(sel(null, 1, SelectionMode.FIXED), agents)).hasSize(1);
        assertThat(selector.select(sel(null, 100, SelectionMode.FIXED), agents)).hasSize(3);
    }

    @Test
    void randomModeEventuallyPicksEveryCandidate() {
        TargetSelector selector = new TargetSelector(new Random(42));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            seen.add(selector.select(sel(1, null, SelectionMode.RANDOM), agents).get(0).containerName());
        }
        assertThat(seen).containsExactlyInAnyOrder("web-1", "web-2", "web-4");
    }

    @Test
    void noMatchSaysWhatTheAgentsReport() {
        TargetSelection byName = new TargetSelection(new Selector("nope", null), 1, null, null);
        assertThatThrownBy(() -> new TargetSelector(new Random()).select(byName, agents))
                .hasMessageContaining("candidates are: db-1, web-1, web-2, web-4");
    }

    @Test
    void noAgentSaysSo() {
        assertThatThrownBy(() -> new TargetSelector(new Random()).select(sel(1, null, null), List.of()))
                .hasMessageContaining("no agent is connected");
    }

    @Test
    void askingForMoreThanMatchIsRefused() {
        assertThatThrownBy(() -> new TargetSelector(new Random()).select(sel(5, null, null), agents))
                .hasMessageContaining("asked for 5 targets but only 3 match");
    }

    @Test
    void aSwarmServiceTargetsTwoOfItsRunningTasks() {
        Map<String, String> task = Map.of("faultline.enabled", "true", ServiceTarget.SWARM_SERVICE_LABEL, "shop_product");
        List<AgentHeartbeat> swarm = List.of(agent("a1", container("shop_product.1.x", "running", task),
                container("shop_product.2.y", "running", task), container("shop_product.3.z", "running", task),
                container("shop_product.1.old", "exited", task),
                container("shop_user.1.u", "running", Map.of("faultline.enabled", "true",
                        ServiceTarget.SWARM_SERVICE_LABEL, "shop_user"))));
        TargetSelection two = new TargetSelection(null, 2, null, SelectionMode.FIXED,
                new ServiceTarget(ServiceKind.SWARM, "shop_product", null, null, null));
        assertThat(new TargetSelector(new Random()).select(two, swarm)).extracting(TargetRef::containerName)
                .containsExactly("shop_product.1.x", "shop_product.2.y");
    }

    @Test
    void anEcsServiceTargetsItsTasksOneContainerEachInItsClusterOnly() {
        String cluster = "arn:aws:ecs:us-east-1:123456789012:cluster/shop";
        List<AgentHeartbeat> instances = List.of(
                agent("i-1", ecsContainer("app-a", cluster, "task/shop/a", "product"),
                        ecsContainer("envoy-a", cluster, "task/shop/a", "product"),
                        ecsContainer("app-b", cluster, "task/shop/b", "product")),
                agent("i-2", ecsContainer("app-c", cluster, "task/shop/c", "product"),
                        ecsContainer("user-d", cluster, "task/shop/d", "user"),
                        ecsContainer("app-e", "arn:aws:ecs:us-east-1:123456789012:cluster/other", "task/other/e",
                                "product")));
        TargetSelection product = new TargetSelection(null, 2, null, SelectionMode.FIXED,
                new ServiceTarget(ServiceKind.ECS, "product", null, "shop", null));

        assertThat(TargetSelector.candidates(product, instances)).extracting(TargetRef::containerName)
                .as("three tasks of product in cluster shop, one container each").containsExactly("app-a", "app-b",
                        "app-c");
        assertThat(new TargetSelector(new Random()).select(product, instances)).extracting(TargetRef::containerName)
                .containsExactly("app-a", "app-b");
        assertThat(TargetSelector.sameCluster(cluster, "shop")).isTrue();
        assertThat(TargetSelector.sameCluster("shop", "arn:aws:ecs:us-east-1:1:cluster/shopping")).isFalse();
    }

    @Test
    void anEcsServiceNoAgentReportsIsRefusedWithWhatToDo() {
        TargetSelection ecs = new TargetSelection(null, 1, null, null,
                new ServiceTarget(ServiceKind.ECS, "product", null, "shop", null));
        assertThatThrownBy(() -> new TargetSelector(new Random()).select(ecs, agents))
                .hasMessageContaining("ecs service product (cluster shop)")
                .hasMessageContaining("faultline.agent.ecs.enabled");
    }

    private static ContainerInfo ecsContainer(String name, String cluster, String task, String service) {
        String arn = "arn:aws:ecs:us-east-1:123456789012:" + task;
        return new ContainerInfo("id-" + name, name, "img", "running", Map.of("faultline.enabled", "true"), null,
                new EcsTaskInfo(cluster, arn, service, 3, name, service));
    }

    static TargetSelection sel(Integer count, Integer percent, SelectionMode mode) {
        return new TargetSelection(new Selector(null, Map.of("app", "web")), count, percent, mode);
    }
}
