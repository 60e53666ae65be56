package dev.faultline.observer.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.common.experiment.LoadTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArtilleryCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void runsTheScriptWithReportAndOverridesAsSeparateArguments() {
        assertThat(ArtilleryCommand.arguments(Path.of("/opt/a/artillery"), Path.of("/runs/r1/load.json"),
                Path.of("/runs/r1/artillery-report.json"), "{\"config\":{}}"))
                .containsExactly("/opt/a/artillery", "run", "--output", "/runs/r1/artillery-report.json",
                        "--overrides", "{\"config\":{}}", "/runs/r1/load.json");
    }

    @Test
    void environmentPointsAtThePluginAndSwitchesTelemetryOff() {
        assertThat(ArtilleryCommand.environment(Path.of("/repo/deploy/artillery/plugins")))
                .containsEntry("ARTILLERY_PLUGIN_PATH", "/repo/deploy/artillery/plugins")
                .containsEntry("ARTILLERY_DISABLE_TELEMETRY", "true");
    }

    @Test
    void overridesEnableThePluginWithTheResponsesFileAndOrderIdField() throws Exception {
        JsonNode plugin = JSON.readTree(ArtilleryCommand.overrides(Path.of("/runs/r1/responses.csv"), "orderId"))
                .at("/config/plugins/faultline");
        assertThat(plugin.get("responsesFile").asText()).isEqualTo("/runs/r1/responses.csv");
        assertThat(plugin.get("orderIdField").asText()).isEqualTo("orderId");

        JsonNode without = JSON.readTree(ArtilleryCommand.overrides(Path.of("/r/responses.csv"), null))
                .at("/config/plugins/faultline");
        assertThat(without.has("orderIdField")).isFalse();
        assertThat(without.has("writesFile")).isFalse();
    }

    @Test
    void overridesNameTheWritesFileOnlyWithAnOrderIdField() throws Exception {
        JsonNode plugin = JSON.readTree(ArtilleryCommand.overrides(Path.of("/r/responses.csv"),
                Path.of("/r/writes.jsonl"), "orderId")).at("/config/plugins/faultline");
        assertThat(plugin.get("writesFile").asText()).isEqualTo("/r/writes.jsonl");

        JsonNode noIds = JSON.readTree(ArtilleryCommand.overrides(Path.of("/r/responses.csv"),
                Path.of("/r/writes.jsonl"), null)).at("/config/plugins/faultline");
        assertThat(noIds.has("writesFile")).isFalse(); // no ids, no acknowledged writes to record
    }

    @Test
    void generatedScriptSendsOneRequestPerVirtualUserAtTheArrivalRate() throws Exception {
        LoadTest load = new LoadTest(null, "http://127.0.0.1:18100/products/p-1?x=1", null, null, 20, null, null);
        JsonNode script = JSON.readTree(ArtilleryCommand.generatedScript(load, Duration.ofMillis(12_300)));

        assertThat(script.at("/config/target").asText()).isEqualTo("http://127.0.0.1:18100");
        assertThat(script.at("/config/phases/0/duration").asLong()).isEqualTo(13); // rounded up to whole seconds
        assertThat(script.at("/config/phases/0/arrivalRate").asInt()).isEqualTo(20);
        assertThat(script.at("/config/http/timeout").asInt()).isEqualTo(ArtilleryCommand.REQUEST_TIMEOUT_SECONDS);
        JsonNode flow = script.at("/scenarios/0/flow");
        assertThat(flow.size()).isEqualTo(1);
        assertThat(flow.at("/0/get/url").asText()).isEqualTo("http://127.0.0.1:18100/products/p-1?x=1");
        assertThat(flow.at("/0/get/body").isMissingNode()).isTrue();
    }

    @Test
    void generatedPostCarriesTheBodyVerbatimAsJson() throws Exception {
        String body = "{\"item\":\"book \\\"1\\\"\",\"qty\":1}";
        LoadTest load = new LoadTest(null, "http://127.0.0.1:8080/orders", "post", body, 5, Duration.ofSeconds(40),
                "id");
        JsonNode post = JSON.readTree(ArtilleryCommand.generatedScript(load, load.duration()))
                .at("/scenarios/0/flow/0/post");
        assertThat(post.get("body").asText()).isEqualTo(body);
        assertThat(post.at("/headers/Content-Type").asText()).isEqualTo("application/json");
    }

    @Test
    void aScriptLoadTestHasNoGeneratedScript() {
        LoadTest load = new LoadTest("examples/shop/load/shop-load.yml", null, null, null, null, null, null);
        assertThatThrownBy(() -> ArtilleryCommand.generatedScript(load, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
