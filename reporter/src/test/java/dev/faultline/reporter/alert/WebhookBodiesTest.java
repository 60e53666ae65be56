package dev.faultline.reporter.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.common.event.RunSkipped;
import dev.faultline.reporter.RunFixtures;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AlertRules RULES = new AlertRules(EnumSet.allOf(AlertKind.class),
            URI.create("http://r:18083"));
    private static final Alert FAIL = RULES.forVerdict(RunFixtures.failedVerdict("run-1")).orElseThrow();

    @Test
    void theJsonBodyCarriesKindRunExperimentVerdictFiguresAndTheReportLink() throws Exception {
        JsonNode body = JSON.readTree(WebhookBodies.of(WebhookFormat.JSON, FAIL));

        assertThat(body.path("kind").asText()).isEqualTo("fail");
        assertThat(body.path("alertId").asText()).isEqualTo("fail:run-1");
        assertThat(body.path("runId").asText()).isEqualTo("run-1");
        assertThat(body.path("experiment").asText()).isEqualTo("kill-web");
        assertThat(body.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(body.path("resilienceScore").asInt()).isEqualTo(50);
        assertThat(body.path("timeToRecoverMillis").asLong()).isEqualTo(1_234L);
        assertThat(body.path("figures").get(0).asText())
                .isEqualTo("min-availability: measured 87.500 % vs threshold 99.000 %");
        assertThat(body.path("reportUrl").asText()).isEqualTo("http://r:18083/api/v1/reports/run-1?format=html");
        assertThat(body.path("occurredAt").asText()).isEqualTo("2024-05-01T10:00:12.300Z");
        assertThat(body.has("scheduleId")).isFalse();
    }

    @Test
    void aSkippedOccurrenceNamesItsScheduleAndOccurrenceAndNoRun() throws Exception {
        Alert skipped = RULES.forEvent(RunSkipped.of("nightly", "checkout-kill", "ab".repeat(32),
                Instant.parse("2026-12-01T02:00:00Z"), "halted", "Faultline is halted", Instant.EPOCH),
                r -> RunFacts.UNKNOWN).orElseThrow();

        JsonNode body = JSON.readTree(WebhookBodies.json(skipped));

        assertThat(body.path("kind").asText()).isEqualTo("skipped");
        assertThat(body.path("scheduleId").asText()).isEqualTo("nightly");
        assertThat(body.path("occurrence").asText()).isEqualTo("2026-12-01T02:00:00Z");
        assertThat(body.has("runId")).isFalse();
        assertThat(body.has("reportUrl")).isFalse();
        assertThat(body.has("verdict")).isFalse();
    }

    @Test
    void theSlackBodyHasAFallbackTextAndBlocksWithTheFiguresAndALinkToTheReport() throws Exception {
        JsonNode body = JSON.readTree(WebhookBodies.of(WebhookFormat.SLACK, FAIL));

        assertThat(body.path("text").asText()).isEqualTo("run run-1 of kill-web: FAIL");
        JsonNode blocks = body.path("blocks");
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).path("text").path("type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(1).path("text").path("type").asText()).isEqualTo("mrkdwn");
        assertThat(blocks.get(1).path("text").path("text").asText())
                .startsWith("\u2022 min-availability: measured 87.500 % vs threshold 99.000 %\n"
                        + "\u2022 resilience");
        assertThat(blocks.get(2).path("type").asText()).isEqualTo("context");
        assertThat(blocks.get(2).path("elements").get(0).path("text").asText())
                .startsWith("<http://r:18083/api/v1/reports/run-1?format=html|HTML report>");
    }

    @Test
    void slackMarkupInFiguresIsEscapedAndTheHeaderKeptWithinSlacksLimit() throws Exception {
        Alert alert = new Alert("abort:r", AlertKind.ABORT, null, "r", null, null, null, "h".repeat(400),
                List.of("reason: latency <p99> & errors > 5 %"), null, null, null, Instant.EPOCH);

        JsonNode blocks = JSON.readTree(WebhookBodies.slack(alert)).path("blocks");

        assertThat(blocks.get(0).path("text").path("text").asText()).hasSize(WebhookBodies.SLACK_HEADER_MAX);
        assertThat(blocks.get(1).path("text").path("text").asText())
                .isEqualTo("\u2022 reason: latency &lt;p99&gt; &amp; errors &gt; 5 %");
    }

    @Test
    void formatsAreParsedByName() {
        assertThat(WebhookFormat.parse("Slack")).isEqualTo(WebhookFormat.SLACK);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebhookFormat.parse("teams"))
                .hasMessageContaining("json, slack");
    }
}
