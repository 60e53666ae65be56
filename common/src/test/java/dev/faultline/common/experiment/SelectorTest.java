package dev.faultline.common.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.json.ChaosJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorTest {

    /** The labels Docker Compose puts on the containers of `docker compose up` (two replicas of web, one db). */
    private static final Map<String, String> WEB_1 = Map.of("com.docker.compose.project", "shop",
            "com.docker.compose.service", "web", "com.docker.compose.container-number", "1", "tier", "front");
    private static final Map<String, String> WEB_OTHER_PROJECT = Map.of("com.docker.compose.project", "blog",
            "com.docker.compose.service", "web");
    private static final Map<String, String> DB = Map.of("com.docker.compose.project", "shop",
            "com.docker.compose.service", "db");

    @Test
    void aComposeServiceMatchesItsReplicasInItsProjectOnly() {
        Selector web = new Selector(null, null, "shop", "web");

        assertThat(web.matches("shop-web-1", WEB_1)).isTrue();
        assertThat(web.matches("shop-db-1", DB)).isFalse();
        assertThat(web.matches("blog-web-1", WEB_OTHER_PROJECT)).as("same service name, other project").isFalse();
        assertThat(new Selector(null, null, null, "web").matches("blog-web-1", WEB_OTHER_PROJECT))
                .as("without a project: the service in any project").isTrue();
        assertThat(new Selector(null, null, "shop", null).matches("shop-db-1", DB)).as("a whole project").isTrue();
    }

    @Test
    void composeFieldsCombineWithNameAndLabels() {
        assertThat(new Selector(null, Map.of("tier", "front"), "shop", "web").matches("shop-web-1", WEB_1)).isTrue();
        assertThat(new Selector(null, Map.of("tier", "back"), "shop", "web").matches("shop-web-1", WEB_1)).isFalse();
        assertThat(new Selector("shop-web-2", null, null, "web").matches("shop-web-1", WEB_1)).isFalse();
    }

    @Test
    void anEmptyOrBlankSelectorIsRefused() {
        assertThatThrownBy(() -> new Selector(null, null, null, null))
                .hasMessageContaining("must name a container, a Compose service or project, or give at least one label");
        assertThatThrownBy(() -> new Selector("x", null, " ", null)).hasMessageContaining("composeProject");
        assertThatThrownBy(() -> new Selector("x", null, null, "")).hasMessageContaining("composeService");
    }

    @Test
    void readsFromTheExperimentFormatAndLeavesOutWhatIsNotGiven() throws Exception {
        Selector read = ChaosJson.messages().readValue("{\"composeProject\":\"shop\",\"composeService\":\"web\"}",
                Selector.class);
        assertThat(read).isEqualTo(new Selector(null, Map.of(), "shop", "web"));
        assertThat(ChaosJson.write(new Selector("web-1", Map.of()))).doesNotContain("compose");
    }
}
