package dev.faultline.reporter.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.reporter.RunFixtures;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    private static final String RUN = "run-7";

    @Test
    void carriesRunIdExperimentVerdictAndMeasuredTimeline() throws Exception {
        RunReport report = RunReport.of(RunFixtures.failedVerdict(RUN), RunFixtures.events(RUN), Optional.empty());

        JsonNode json = ChaosJson.messages().readTree(JsonReport.render(report));

        assertThat(json.get("runId").asText()).isEqualTo(RUN);
        assertThat(json.get("experiment").get("name").asText()).isEqualTo("kill-web");
        JsonNode verdict = json.get("verdict");
        assertThat(verdict.get("type").asText()).isEqualTo("run-verdict");
        assertThat(verdict.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(verdict.get("probeIntervalMillis").asLong()).isEqualTo(250);
        JsonNode timeline = verdict.get("timelines").get(0);
        assertThat(timeline.get("timeToDetectMillis").asLong()).isEqualTo(250);
        assertThat(timeline.get("timeToRecoverMillis").asLong()).isEqualTo(1_234);
        assertThat(timeline.get("availabilityPercent").asDouble()).isEqualTo(87.5);
        assertThat(timeline.get("resolutionMillis").asLong()).isEqualTo(250);
        assertThat(timeline.get("recoveredAt").asText()).isEqualTo("2024-05-01T10:00:03.234Z");
        assertThat(verdict.get("slos").get(1).get("status").asText()).isEqualTo("FAIL");
    }

    @Test
    void eventsAreInOrderWithTheirTypeNames() throws Exception {
        RunReport report = RunReport.of(RunFixtures.failedVerdict(RUN), RunFixtures.events(RUN), Optional.empty());

        JsonNode events = ChaosJson.messages().readTree(JsonReport.render(report)).get("events");

        assertThat(StreamSupport.stream(events.spliterator(), false).map(e -> e.get("type").asText()))
                .containsExactly("run-started", "fault-injected", "run-finished");
    }

    @Test
    void verdictAndEventsReadBackAsTheMessagesTheyWere() throws Exception {
        RunVerdict verdict = RunFixtures.failedVerdict(RUN);
        RunReport report = RunReport.of(verdict, RunFixtures.events(RUN), Optional.empty());

        JsonNode json = ChaosJson.messages().readTree(JsonReport.render(report));

        assertThat(ChaosJson.messages().treeToValue(json.get("verdict"), RunVerdict.class)).isEqualTo(verdict);
        List<ChaosEvent> events = ChaosJson.messages().readerFor(new TypeReference<List<ChaosEvent>>() { })
                .readValue(json.get("events"));
        assertThat(events).isEqualTo(RunFixtures.events(RUN));
    }

    @Test
    void experimentIsNullNotMissingWhenRunStartedWasNeverStored() throws Exception {
        RunReport report = RunReport.of(RunFixtures.failedVerdict(RUN), List.of(RunFixtures.runFinished(RUN)),
                Optional.empty());

        JsonNode json = ChaosJson.messages().readTree(JsonReport.render(report));

        assertThat(json.has("experiment")).isTrue();
        assertThat(json.get("experiment").isNull()).isTrue();
    }

    @Test
    void experimentFallsBackToTheStoredOneWhenEventsLackRunStarted() throws Exception {
        RunReport report = RunReport.of(RunFixtures.failedVerdict(RUN), List.of(),
                Optional.of(RunFixtures.experiment()));

        JsonNode json = ChaosJson.messages().readTree(JsonReport.render(report));

        assertThat(json.get("experiment").get("slos").get("minAvailabilityPercent").asDouble()).isEqualTo(99.0);
    }
}
