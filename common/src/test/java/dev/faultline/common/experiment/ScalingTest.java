package dev.faultline.common.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScalingTest {

    @Test
    void aComposeOrSwarmServiceSelectsItsReplicasByTheirContainerLabels() {
        Scaling compose = new Scaling(null, null, null, null, null, 2, null,
                new ServiceTarget(ServiceKind.COMPOSE, "product", "shop", null, null));
        assertThat(compose.labels()).containsOnly(Map.entry(Selector.COMPOSE_SERVICE_LABEL, "product"),
                Map.entry(Selector.COMPOSE_PROJECT_LABEL, "shop"));
        Scaling swarm = new Scaling(null, null, null, null, null, 2, null,
                new ServiceTarget(ServiceKind.SWARM, "shop_product", null, null, null));
        assertThat(swarm.labels()).containsOnly(Map.entry(ServiceTarget.SWARM_SERVICE_LABEL, "shop_product"));
    }

    @Test
    void labelsOrAServiceButNotBothAndNoEcsYet() {
        assertThatThrownBy(() -> new Scaling(Map.of(), null, null, null, null, 2, null))
                .hasMessageContaining("labels").hasMessageContaining("at least one label");
        assertThatThrownBy(() -> new Scaling(Map.of("app", "x"), null, null, null, null, 2, null,
                new ServiceTarget(ServiceKind.SWARM, "s", null, null, null))).hasMessageContaining("instead of labels");
        assertThatThrownBy(() -> new Scaling(null, null, null, null, null, 2, null,
                new ServiceTarget(ServiceKind.ECS, "web", null, "prod", null))).hasMessageContaining("ecs is not read");
        assertThatThrownBy(() -> new Scaling(Map.of("app", "x"), null, "ftp://x", null, null, -1, -0.5))
                .hasMessageContaining("activitiesUrl").hasMessageContaining("minHealthyReplicas")
                .hasMessageContaining("maxImbalance");
    }
}
