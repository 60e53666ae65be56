package dev.faultline.reporter.report;

import static dev.faultline.reporter.RunFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.verdict.BodyShrink;
import dev.faultline.common.verdict.DegradedAnswers;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.reporter.RunFixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The degraded answers of probes with {@code degraded:}, in report.md and report.json. */
class DegradedAnswersReportTest {

    private static final String RUN = "run-9";

    private static RunReport report(RecoveryTimeline timeline) {
        RunVerdict base = RunFixtures.failedVerdict(RUN);
        RunVerdict verdict = RunVerdict.of(RUN, base.experimentName(), Verdict.FAIL, List.of(timeline), base.slos(),
                base.findings(), 250, T0.plusSeconds(13));
        return RunReport.of(verdict, RunFixtures.events(RUN), Optional.empty());
    }

    private static RecoveryTimeline degradedTimeline() {
        DegradedAnswers degraded = new DegradedAnswers(6, 5, 2, T0.plusMillis(2_500), T0.plusMillis(4_000), 72.5,
                Map.of(200, 6L), List.of(new BodyShrink("recommendations", BodyShrink.EMPTIED, 5)), 950L, 8,
                "successful answers of probe web-health compared with the steady state");
        return RunFixtures.timeline().withDegraded(degraded);
    }

    @Test
    void aProbeWithDegradedAnswersGetsItsOwnSectionWithWhatShrankAndTheFullServiceFigure() {
        String md = MarkdownReport.render(report(degradedTimeline()));

        assertThat(md).containsSubsequence("## Recovery", "## Degraded answers", "## Objectives");
        assertThat(md).contains("| Target | Probe | Degraded / total | Shrunken body | Slow | First degraded at |"
                + " Last degraded at | What shrank | Full service | Availability |");
        assertThat(md).contains("| web@agent-1 | web-health | 6 / 40 | 5 | 2 (up to 0.950 s) |"
                + " 2024-05-01T10:00:02.500Z | 2024-05-01T10:00:04.000Z | field `recommendations` emptied ×5 |"
                + " 72.500 % | 87.500 % |");
        assertThat(md).contains("Measured: successful answers of probe web-health compared with the steady state.");
        assertThat(md).contains("- A *degraded* answer is a success");
    }

    @Test
    void withoutTheFlagThereIsNoSection() {
        String md = MarkdownReport.render(report(RunFixtures.timeline()));

        assertThat(md).doesNotContain("Degraded answers").doesNotContain("*degraded*");
    }

    @Test
    void theJsonReportCarriesTheDegradedAnswersOfTheTimeline() throws Exception {
        JsonNode timeline = ChaosJson.messages().readTree(JsonReport.render(report(degradedTimeline())))
                .get("verdict").get("timelines").get(0);

        JsonNode degraded = timeline.get("degraded");
        assertThat(degraded.get("probesDegraded").asInt()).isEqualTo(6);
        assertThat(degraded.get("fullServiceAvailabilityPercent").asDouble()).isEqualTo(72.5);
        assertThat(degraded.get("firstDegradedAt").asText()).isEqualTo("2024-05-01T10:00:02.500Z");
        assertThat(degraded.get("shrinks").get(0).get("path").asText()).isEqualTo("recommendations");
        assertThat(degraded.get("shrinks").get(0).get("change").asText()).isEqualTo("emptied");
        assertThat(ChaosJson.messages().readTree(JsonReport.render(report(RunFixtures.timeline())))
                .get("verdict").get("timelines").get(0).has("degraded")).isFalse();
    }
}
