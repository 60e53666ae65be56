package dev.faultline.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptInPolicyTest {

    private final OptInPolicy allowList = new OptInPolicy(List.of("shop", "payments"), List.of("team=payments"));

    @Test
    void theLabelOptsInWithoutAnyAllowList() {
        assertThat(OptInPolicy.labelOnly().reason(Map.of("faultline.enabled", "TRUE")))
                .contains("label faultline.enabled=true");
        assertThat(OptInPolicy.labelOnly().reason(Map.of("com.docker.compose.project", "shop"))).isEmpty();
        assertThat(OptInPolicy.labelOnly().reason(Map.of())).isEmpty();
    }

    @Test
    void aContainerOfAnAllowedComposeProjectIsOptedIn() {
        assertThat(allowList.reason(Map.of("com.docker.compose.project", "payments",
                "com.docker.compose.service", "ledger"))).contains("Compose project payments (the agent's allow-list)");
        assertThat(allowList.reason(Map.of("com.docker.compose.project", "shopping"))).as("whole names only")
                .isEmpty();
    }

    @Test
    void aContainerCarryingAnAllowedLabelIsOptedIn() {
        assertThat(allowList.reason(Map.of("team", "payments"))).contains("label team=payments (the agent's allow-list)");
        assertThat(allowList.reason(Map.of("team", "search"))).as("the value must match too").isEmpty();
    }

    @Test
    void enabledFalseOptsOutWhateverTheAllowListSays() {
        Map<String, String> database = Map.of("com.docker.compose.project", "shop", "team", "payments",
                "faultline.enabled", "false");

        assertThat(allowList.reason(database)).isEmpty();
        assertThat(allowList.refusal("shop-db-1", database)).isEqualTo("container shop-db-1 carries"
                + " faultline.enabled=false, which opts it out whatever this agent's allow-list says; the agent"
                + " refuses it");
    }

    @Test
    void theRefusalNamesEveryWayInThisAgentOffers() {
        Map<String, String> other = Map.of("com.docker.compose.project", "search");

        assertThat(allowList.refusal("search-api-1", other)).isEqualTo("container search-api-1 does not carry the"
                + " label faultline.enabled=true, is not in an allowed Compose project (its project: search; allowed:"
                + " shop, payments), carries none of the allowed labels (team=payments); the agent refuses it");
        assertThat(OptInPolicy.labelOnly().refusal("c1-name", Map.of()))
                .isEqualTo("container c1-name does not carry the label faultline.enabled=true; the agent refuses it");
    }

    @Test
    void aMistypedAllowListStopsTheAgent() {
        assertThatThrownBy(() -> new OptInPolicy(List.of(), List.of("team"))).hasMessageContaining("not key=value");
        assertThatThrownBy(() -> new OptInPolicy(List.of(), List.of("=payments")))
                .hasMessageContaining("not key=value");
        assertThatThrownBy(() -> new OptInPolicy(List.of(" "), List.of())).hasMessageContaining("blank project");
    }
}
