package dev.faultline.reporter.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.verdict.FailureBreakdown;
import dev.faultline.common.verdict.FailureKind;
import dev.faultline.common.verdict.LoadRoute;
import dev.faultline.common.verdict.LoadSecond;
import dev.faultline.common.verdict.LoadSummary;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.reporter.RunFixtures;
import java.util.List;
import java.util.Map;
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

    @Test
    void failureBreakdownsAndRoutesAreInTheJsonAndReadBack() throws Exception {
        FailureBreakdown failures = new FailureBreakdown(Map.of(405, 66L), Map.of(FailureKind.TIMEOUT, 24L));
        LoadSummary load = new LoadSummary(200, 90, 45.0, 4L, 9_000L, 10_000L, 1,
                List.of(new LoadSecond(RunFixtures.T0, 200, 90, 4L, 10_000L, failures)), "load test",
                Map.of(200, 110L, 405, 66L), failures, List.of(new LoadRoute("GET /api/orders", 200, 90, 45.0, 4L,
                        9_000L, 10_000L, Map.of(200, 110L, 405, 66L), failures)));
        RunVerdict base = RunFixtures.failedVerdict(RUN);
        RunVerdict verdict = RunVerdict.of(RUN, base.experimentName(), Verdict.FAIL,
                List.of(RunFixtures.timeline().withFailures(new FailureBreakdown(Map.of(503, 5L), Map.of()))),
                base.slos(), base.findings(), base.probeIntervalMillis(), null, load, List.of(), null, RunFixtures.T0);

        JsonNode json = ChaosJson.messages().readTree(JsonReport.render(RunReport.of(verdict, List.of(),
                Optional.empty())));

        JsonNode route = json.get("verdict").get("load").get("routes").get(0);
        assertThat(route.get("route").asText()).isEqualTo("GET /api/orders");
        assertThat(route.get("failures").get("byStatus").get("405").asLong()).isEqualTo(66);
        assertThat(route.get("failures").get("byKind").get("timeout").asLong()).isEqualTo(24);
        assertThat(json.get("verdict").get("timelines").get(0).get("failures").get("byStatus").get("503").asLong())
                .isEqualTo(5);
        assertThat(json.get("verdict").get("load").get("perSecond").get(0).get("failures").get("byKind")
                .get("timeout").asLong()).isEqualTo(24);
        assertThat(ChaosJson.messages().treeToValue(json.get("verdict"), RunVerdict.class)).isEqualTo(verdict);
    }
}
