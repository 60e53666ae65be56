package dev.faultline.reporter.report;

import static dev.faultline.reporter.RunFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.experiment.ServiceKind;
import dev.faultline.common.experiment.ServiceTarget;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.ServiceCount;
import dev.faultline.common.verdict.ServiceMark;
import dev.faultline.common.verdict.ServiceRecovery;
import dev.faultline.common.verdict.ServiceReplica;
import dev.faultline.reporter.RunFixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A targeted service's recovery: its section in report.md, its lane in the HTML timeline, its record in JSON. */
class ServiceRecoveryReportTest {

    private static final String RUN = "run-7";

    static ServiceRecovery swarmProduct() {
        return new ServiceRecovery(new ServiceTarget(ServiceKind.SWARM, "shop_product", null, null, null), 3,
                "platform", 250, T0.plusSeconds(3), 2,
                new ServiceMark(T0.plusMillis(4_200), 0, ServiceMark.DOCKER_EVENT),
                new ServiceMark(T0.plusMillis(9_000), 0, ServiceMark.DOCKER_STATE),
                new ServiceMark(T0.plusMillis(9_250), 250, ServiceMark.SAMPLE), 6_250L, T0.plusMillis(9_250), 1,
                List.of(new ServiceCount(T0, 3, 3, 3), new ServiceCount(T0.plusMillis(3_250), 3, 1, 1),
                        new ServiceCount(T0.plusMillis(4_250), 3, 3, 1), new ServiceCount(T0.plusMillis(9_000), 3, 3, 2),
                        new ServiceCount(T0.plusMillis(9_250), 3, 3, 3)),
                List.of(new ServiceReplica("d1", "shop_product.1.d1", T0.plusMillis(4_200), T0.plusMillis(9_000))));
    }

    private static RunReport report(List<ServiceRecovery> services) {
        RunVerdict verdict = RunFixtures.failedVerdict(RUN).withServices(services);
        return RunReport.of(verdict, RunFixtures.events(RUN), Optional.empty());
    }

    @Test
    void theMarkdownSaysEachInstantAndHowItWasKnown() {
        String md = MarkdownReport.render(report(List.of(swarmProduct())));

        assertThat(md).containsSubsequence("## Recovery", "## Services", "## Objectives");
        assertThat(md).contains("| swarm service shop_product | 3 (platform) | 2 | 2024-05-01T10:00:03.000Z |"
                + " 2024-05-01T10:00:04.200Z (+1.200 s) [Docker, docker-event] |"
                + " 2024-05-01T10:00:09.000Z (+6.000 s) [Docker, docker-state] |"
                + " 2024-05-01T10:00:09.250Z (+6.250 s) [sample, ±0.250 s] | 6.250 s | 1 | 0.250 s |");
        assertThat(md).contains("| 2024-05-01T10:00:03.250Z | 1 | 1 | 3 |");
        assertThat(md).contains("- *Services* were sampled");
    }

    @Test
    void theTimelineHasALaneOfHealthyAgainstDesiredWithItsMarks() {
        String html = HtmlReport.render(report(List.of(swarmProduct())));

        assertThat(html).contains("data-lane=\"service:shop_product\"");
        assertThat(html).contains("class=\"service-segment state-short\" data-healthy=\"1\" data-running=\"1\"");
        assertThat(html).contains("class=\"service-segment state-whole\" data-healthy=\"3\"");
        assertThat(html).contains("class=\"marker service-started\" data-at=\"2024-05-01T10:00:04.200Z\"");
        assertThat(html).contains("back to 3 healthy: RTO 6.250 s ±250 ms");
        assertThat(html).contains("replacement healthy (Docker)");
    }

    @Test
    void withoutServicesNothingChanges() throws Exception {
        RunReport plain = report(List.of());
        assertThat(MarkdownReport.render(plain)).doesNotContain("## Services");
        assertThat(HtmlReport.render(plain)).doesNotContain("service-lane");
        assertThat(ChaosJson.messages().readTree(JsonReport.render(plain)).get("verdict").has("services")).isFalse();

        JsonNode service = ChaosJson.messages().readTree(JsonReport.render(report(List.of(swarmProduct()))))
                .get("verdict").get("services").get(0);
        assertThat(service.get("serviceRtoMillis").asLong()).isEqualTo(6_250);
        assertThat(service.get("backToDesired").get("source").asText()).isEqualTo("sample");
        assertThat(service.get("service").get("kind").asText()).isEqualTo("swarm");
    }
}
