package dev.faultline.common.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.validation.Violation;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ServiceTargetParseTest {

    static final String WITH_SERVICE = """
            name: kill-two-tasks
            duration: 60s
            steadyState:
              probes:
                - name: health
                  url: http://127.0.0.1:8080/health
            faults:
              - target:
                  service: SERVICE
                  count: 2
                fault:
                  type: container-kill
            """;

    final ExperimentParser parser = new ExperimentParser();

    private Experiment parse(String service) {
        return parser.parse(WITH_SERVICE.replace("SERVICE", service), ExperimentParser.Format.YAML);
    }

    @Test
    void aSwarmServiceSelectsItsTaskContainersByTheSwarmLabel() {
        TargetSelection target = parse("{kind: swarm, name: shop_product}").faults().get(0).target();
        assertThat(target.service()).isEqualTo(new ServiceTarget(ServiceKind.SWARM, "shop_product", null, null, null));
        assertThat(target.selector()).isNull();
        assertThat(target.count()).isEqualTo(2);
        Selector selector = target.containerSelector().orElseThrow();
        assertThat(selector.matches("shop_product.1.abc", Map.of(ServiceTarget.SWARM_SERVICE_LABEL, "shop_product")))
                .isTrue();
        assertThat(selector.matches("shop_user.1.abc", Map.of(ServiceTarget.SWARM_SERVICE_LABEL, "shop_user")))
                .isFalse();
    }

    @Test
    void aComposeServiceSelectsByItsProjectAndServiceLabels() {
        TargetSelection target = parse("{kind: compose, name: web, project: shop, replicas: 3}").faults().get(0)
                .target();
        assertThat(target.service().replicas()).isEqualTo(3);
        Selector selector = target.containerSelector().orElseThrow();
        assertThat(selector.matches("shop-web-1", Map.of(Selector.COMPOSE_PROJECT_LABEL, "shop",
                Selector.COMPOSE_SERVICE_LABEL, "web"))).isTrue();
        assertThat(selector.matches("other-web-1", Map.of(Selector.COMPOSE_PROJECT_LABEL, "other",
                Selector.COMPOSE_SERVICE_LABEL, "web"))).isFalse();
    }

    @Test
    void anEcsServiceNeedsItsClusterAndHasNoContainerSelector() {
        TargetSelection target = parse("{kind: ecs, name: product, cluster: shop}").faults().get(0).target();
        assertThat(target.service().describe()).isEqualTo("ecs service product (cluster shop)");
        assertThat(target.containerSelector()).isEmpty();
        assertViolation(() -> parse("{kind: ecs, name: product}"), "faults[0].target.service.cluster",
                "is required for kind ecs");
    }

    @Test
    void refusesWhatDoesNotDescribeOneService() {
        assertViolation(() -> parse("{kind: swarm, name: p, project: shop}"), "faults[0].target.service.project",
                "compose only");
        assertViolation(() -> parse("{kind: compose, name: p, cluster: c}"), "faults[0].target.service.cluster",
                "ecs only");
        assertViolation(() -> parse("{kind: nomad, name: p}"), "faults[0].target.service.kind", "");
        assertViolation(() -> parse("{kind: swarm}"), "faults[0].target.service.name", "required");
        assertViolation(() -> parse("{kind: swarm, name: p, replicas: 0}"), "faults[0].target.service.replicas",
                "");
        assertViolation(() -> parser.parse(WITH_SERVICE.replace("service: SERVICE",
                "service: {kind: swarm, name: p}\n      selector: {name: x}"), ExperimentParser.Format.YAML),
                "faults[0].target.service", "not both");
        assertViolation(() -> parser.parse(WITH_SERVICE.replace("service: SERVICE", "mode: fixed"),
                ExperimentParser.Format.YAML), "faults[0].target.selector", "or give a service");
    }

    private static void assertViolation(ThrowingCallable call, String field, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidExperimentException.class, e -> {
            List<Violation> violations = e.violations();
            assertThat(violations).as(violations.toString()).anySatisfy(v -> {
                assertThat(v.field()).isEqualTo(field);
                assertThat(v.message()).contains(messagePart);
            });
        });
    }
}
