package dev.faultline.reporter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.faultline.common.Message;
import dev.faultline.common.verdict.ProbeLane;
import dev.faultline.common.verdict.ProbeSegment;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.reporter.RunFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static final String RUN = "run-7";

    private static Document rich() {
        return Jsoup.parse(HtmlReport.render(RunFixtures.richReport(RUN)));
    }

    /** The chart's x for an instant, from the axis' own ticks (as a reader would read it off the axis). */
    private static double axisX(Document html, Instant at) {
        Element svg = html.selectFirst("svg.timeline");
        Instant origin = Instant.parse(svg.attr("data-origin"));
        Elements ticks = html.select("g.axis[data-axis=lanes] g.tick");
        double s0 = Double.parseDouble(ticks.get(0).attr("data-seconds"));
        double s1 = Double.parseDouble(ticks.get(1).attr("data-seconds"));
        double x0 = Double.parseDouble(ticks.get(0).selectFirst("line").attr("x1"));
        double x1 = Double.parseDouble(ticks.get(1).selectFirst("line").attr("x1"));
        double seconds = Duration.between(origin, at).toNanos() / 1e9;
        return x0 + (seconds - s0) * (x1 - x0) / (s1 - s0);
    }

    private static double num(Element e, String attribute) {
        return Double.parseDouble(e.attr(attribute));
    }

    @Test
    void verdictAndSummaryComeFirstThenTheTimelineThenTheSectionsOfTheMarkdownReport() {
        Document html = rich();

        assertThat(html.selectFirst("#verdict").attr("data-verdict")).isEqualTo("FAIL");
        // 1 of 4 points: max-recovery-time met; min-availability FAIL, max-error-rate NO_DATA, circuit-breaker FAIL.
        assertThat(html.selectFirst("#score").attr("data-score")).isEqualTo("25");
        assertThat(html.selectFirst("#score").text()).contains("(objectives 1/3, checks 0/1, 1 no data)");
        assertThat(html.title()).isEqualTo("Chaos run report: kill-web — FAIL");
        assertThat(html.select("main > section").eachAttr("id")).containsExactly("summary", "timeline", "recovery",
                "load", "breakers", "objectives", "checks", "findings", "events", "method");
        assertThat(html.select("#objectives td").eachText()).contains("max-recovery-time", "30.000 s", "1.234 s",
                "PASS", "min-availability", "FAIL", "NO_DATA");
        assertThat(html.select("#objectives .status-no-data").text()).isEqualTo("NO_DATA");
        assertThat(html.select("#findings li").text()).contains("availability 87.500 % is below");
        assertThat(html.select("#events td").eachText()).contains("fault-injected", "fault-reverted");
    }

    @Test
    void pageIsSelfContainedWithoutScriptOrAnythingFetched() {
        String page = HtmlReport.render(RunFixtures.richReport(RUN));
        Document html = Jsoup.parse(page);

        assertThat(html.select("script, link, img, iframe, object, embed")).isEmpty();
        assertThat(html.select("[src], [href]").eachAttr("href")).allMatch(href -> href.startsWith("#"));
        assertThat(html.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .contains("default-src 'none'");
        assertThat(html.select("style").html()).contains("@media print").doesNotContain("url(").doesNotContain("@import");
    }

    @Test
    void everyLaneIsDrawnOnceAndLanesDoNotOverlap() {
        Document html = rich();

        assertThat(html.select("g.lane").eachAttr("data-lane"))
                .containsExactly("web-health", "target:web@agent-1", "breaker:inventory");
        double previousBottom = 0;
        for (Element background : html.select("g.lane > rect.lane-bg")) {
            double top = num(background, "y");
            assertThat(top).isGreaterThanOrEqualTo(previousBottom);
            previousBottom = top + num(background, "height");
        }
    }

    @Test
    void faultWindowSpansItsInjectionToItsRevertOnTheAxis() {
        Document html = rich();

        Element window = html.selectFirst("rect.fault-window");
        assertThat(window.attr("data-injected-at")).isEqualTo(RunFixtures.T0.plusSeconds(2).toString());
        assertThat(window.attr("data-reverted-at")).isEqualTo(RunFixtures.T0.plusSeconds(8).toString());
        assertThat(num(window, "x")).isCloseTo(axisX(html, RunFixtures.T0.plusSeconds(2)), within(0.05));
        assertThat(num(window, "x") + num(window, "width"))
                .isCloseTo(axisX(html, RunFixtures.T0.plusSeconds(8)), within(0.05));
    }

    @Test
    void probeSegmentsCoverTheirSamplesIntervalsAndTheFailedOneLiesInTheFaultWindow() {
        Document html = rich();

        Elements segments = html.select("g.lane[data-lane=web-health] rect.segment");
        assertThat(segments.eachAttr("data-state")).containsExactly("ok", "failed", "degraded", "ok");
        Element failed = html.selectFirst("g.lane[data-lane=web-health] rect.segment.failed");
        assertThat(num(failed, "x")).isCloseTo(axisX(html, RunFixtures.T0.plusMillis(2_250)), within(0.05));
        // The last failed sample (sent at 3.000 s) stands for its interval, to 3.250 s.
        assertThat(num(failed, "x") + num(failed, "width"))
                .isCloseTo(axisX(html, RunFixtures.T0.plusMillis(3_250)), within(0.05));
        Element window = html.selectFirst("rect.fault-window");
        assertThat(num(failed, "x")).isBetween(num(window, "x"), num(window, "x") + num(window, "width"));
    }

    @Test
    void detectionAndRecoveryAreMarkedWithTheirResolution() {
        Document html = rich();

        Element detected = html.selectFirst("g.lane[data-lane=web-health] g.marker.detected");
        Element recovered = html.selectFirst("g.lane[data-lane=web-health] g.marker.recovered");
        assertThat(detected.attr("data-at")).isEqualTo(RunFixtures.T0.plusMillis(2_250).toString());
        assertThat(recovered.attr("data-at")).isEqualTo(RunFixtures.T0.plusMillis(3_234).toString());
        assertThat(recovered.selectFirst("text").text()).isEqualTo("recovered 1.234 s ±250 ms");
        assertThat(detected.selectFirst("text").text()).isEqualTo("detected 0.250 s ±250 ms");
        assertThat(num(recovered.selectFirst("line"), "x1"))
                .isCloseTo(axisX(html, RunFixtures.T0.plusMillis(3_234)), within(0.05));
    }

    @Test
    void platformInstantsRoutedAwayAndBreakerStatesHaveTheirOwnLanes() {
        Document html = rich();

        Element target = html.selectFirst("g.lane[data-lane=target:web@agent-1]");
        assertThat(target.select("g.marker").eachAttr("class"))
                .containsExactly("marker platform-down", "marker platform-up", "marker platform-healthy",
                        "marker routed-away");
        assertThat(target.selectFirst("g.marker.routed-away").attr("data-at"))
                .isEqualTo(RunFixtures.T0.plusMillis(2_500).toString());
        assertThat(target.selectFirst("g.marker.routed-away text").text()).isEqualTo("routed away ±500 ms");
        Elements breaker = html.select("g.lane[data-lane=breaker:inventory] rect.breaker-segment");
        assertThat(breaker.eachAttr("data-state")).containsExactly("closed", "open", "half-open", "closed");
        assertThat(breaker.get(1).hasClass("state-open")).isTrue();
        assertThat(breaker.get(1).attr("data-to")).isEqualTo(RunFixtures.T0.plusMillis(6_000).toString());
    }

    @Test
    void loadChartsShareTheLanesTimeAxis() {
        Document html = rich();

        assertThat(html.select("g.load-chart").eachAttr("data-chart")).containsExactly("requests", "error-rate", "p99");
        Elements errorBars = html.select("g.load-chart[data-chart=error-rate] rect.bar");
        assertThat(errorBars).hasSize(12);
        Element failingSecond = errorBars.get(2);
        assertThat(num(failingSecond, "data-value")).isEqualTo(25.0);
        assertThat(num(failingSecond, "x")).isCloseTo(axisX(html, RunFixtures.T0.plusSeconds(2)), within(0.6));
        assertThat(num(failingSecond, "height")).isGreaterThan(num(errorBars.get(3), "height"));
        assertThat(html.select("g.load-chart[data-chart=p99]").attr("data-max")).isEqualTo("900.00");
    }

    @Test
    void textFromTheRunIsEscapedEverywhere() {
        String hostile = "<script>alert(1)</script>\"'&";
        RunVerdict verdict = new RunVerdict(Message.SCHEMA_VERSION, "v", RUN, RunFixtures.T0, hostile, Verdict.FAIL,
                List.of(), List.of(), List.of(hostile), 250).withProbeLanes(List.of(new ProbeLane(hostile, 250,
                List.of(new ProbeSegment(ProbeSegment.OK, RunFixtures.T0, RunFixtures.T0.plusSeconds(1), 5)))));
        String page = HtmlReport.render(RunReport.of(verdict, List.of(), Optional.empty()));
        Document html = Jsoup.parse(page);

        assertThat(page).doesNotContain("<script>");
        assertThat(html.select("script")).isEmpty();
        assertThat(html.selectFirst("g.lane").attr("data-lane")).isEqualTo(hostile);
        assertThat(html.select("#findings li").text()).isEqualTo(hostile);
        assertThat(html.title()).contains(hostile);
    }

    @Test
    void aRunWithNothingToDrawSaysSo() {
        RunVerdict verdict = new RunVerdict(Message.SCHEMA_VERSION, "v", RUN, RunFixtures.T0, "empty", Verdict.FAIL,
                List.of(), List.of(), List.of("no fault took effect"), 250);
        Document html = Jsoup.parse(HtmlReport.render(RunReport.of(verdict, List.of(), Optional.empty())));

        assertThat(html.select("svg.timeline")).isEmpty();
        assertThat(html.select("#timeline p").text()).startsWith("Nothing to draw");
    }

    @Test
    void aTargetSeenByTwoProbesIsMarkedOnceAndAnOutcomeIsWrittenOncePerLane() {
        RunReport rich = RunFixtures.richReport(RUN);
        RunVerdict v = rich.verdict();
        RecoveryTimeline web = v.timelines().get(0);
        // The same fault as the second probe saw it: same target, same platform and routing instants, never failed.
        RecoveryTimeline other = new RecoveryTimeline(web.faultId(), web.target(), "web-health", web.injectedAt(),
                null, null, null, null, 0L, 100.0, 40, 0, web.resolutionMillis(), web.routedAwayAt(), null, null,
                null, web.metricsResolutionMillis(), null, null, web.platformDownAt(), web.platformUpAt(),
                web.platformHealthyAt());
        RecoveryTimeline otherAgain = new RecoveryTimeline("f-2", web.target(), "web-health", web.injectedAt()
                .plusMillis(300), null, null, null, null, 0L, 100.0, 40, 0, web.resolutionMillis(), null, null, null,
                null, null, null, null, null, null, null);
        RunVerdict twoProbes = new RunVerdict(v.schemaVersion(), v.messageId(), v.runId(), v.timestamp(),
                v.experimentName(), v.verdict(), List.of(web, other, otherAgain), v.slos(), v.findings(),
                v.probeIntervalMillis(), v.mttrMillis(), v.load(), v.checks(), v.integrity(), v.breakers(),
                v.probeLanes());

        Document html = Jsoup.parse(HtmlReport.render(new RunReport(RUN, rich.experiment(), twoProbes,
                rich.events())));

        assertThat(html.selectFirst("g.lane[data-lane=target:web@agent-1]").select("g.marker").eachAttr("class"))
                .containsExactly("marker platform-down", "marker platform-up", "marker platform-healthy",
                        "marker routed-away");
        assertThat(html.select("g.lane[data-lane=web-health] text.outcome-label").eachText())
                .containsExactly("never failed");
    }

    @Test
    void labelsOfNearbyMarkersGoOnTheNextFreeRow() {
        TimelineChart.LabelRows rows = new TimelineChart.LabelRows(10, 20);

        double[] first = rows.place(400, 100);
        double[] near = rows.place(450, 100);
        double[] far = rows.place(600, 100);
        double[] crowded = rows.place(420, 100);

        assertThat(first).containsExactly(400, 10);
        assertThat(near).containsExactly(450, 20);
        assertThat(far).containsExactly(600, 10);
        // Both rows are taken there: after the row that ends first, never over another label.
        assertThat(crowded[0]).isGreaterThanOrEqualTo(556);
        assertThat(crowded[0] + 100).isLessThanOrEqualTo(TimelineChart.WIDTH);
    }
}
