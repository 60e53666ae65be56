package dev.faultline.common.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.json.ChaosJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the orchestrator reads an agent's inventory: opted in by the label or by the agent's allow-list. */
class ContainerInfoTest {

    @Test
    void theLabelOrTheAgentsReasonOptsIn() {
        assertThat(new ContainerInfo("c1", "web", "img", "running", Map.of("faultline.enabled", "true")).optedIn())
                .isTrue();
        assertThat(new ContainerInfo("c2", "cart", "img", "running", Map.of("com.docker.compose.project", "shop"),
                "Compose project shop (the agent's allow-list)").optedIn()).isTrue();
        assertThat(new ContainerInfo("c3", "db", "img", "running", Map.of()).optedIn()).isFalse();
    }

    @Test
    void anInventoryFromAnAgentOlderThanTheAllowListReadsAsBefore() throws Exception {
        String older = "{\"id\":\"c1\",\"name\":\"web\",\"image\":\"img\",\"state\":\"running\","
                + "\"labels\":{\"faultline.enabled\":\"true\"}}";

        ContainerInfo read = ChaosJson.read(older, ContainerInfo.class);

        assertThat(read.optIn()).isNull();
        assertThat(read.optedIn()).isTrue();
        assertThat(ChaosJson.write(new ContainerInfo("c1", "web", "img", "running", Map.of())))
                .doesNotContain("optIn");
    }
}
