package dev.faultline.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.testing.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allow-list as a host configures it, by the property names docs/security.md gives. */
@QuarkusTest
@QuarkusTestResource(TestKeys.class)
@TestProfile(OptInConfigTest.AllowList.class)
class OptInConfigTest {

    public static class AllowList implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("faultline.agent.opt-in.compose-projects", "shop,payments",
                    "faultline.agent.opt-in.labels", "team=payments");
        }
    }

    @Inject
    OptInPolicy policy;

    @Test
    void theAgentsConfigurationOptsInProjectsAndLabels() {
        assertThat(policy.reason(Map.of("com.docker.compose.project", "payments"))).isPresent();
        assertThat(policy.reason(Map.of("team", "payments"))).isPresent();
        assertThat(policy.reason(Map.of("com.docker.compose.project", "search"))).isEmpty();
    }
}
