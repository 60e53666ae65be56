package dev.faultline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.testsupport.TestContainers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The HTML report of a real run, as a browser draws it: a container kill on the real Docker engine through the four
 * real services, then the report.html the reporter wrote opened in headless Chromium at a laptop's width. The chart's
 * elements must sit where their instants put them on the drawn time axis; the screenshot is kept under
 * {@code target/html-report-in-browser/} for a person to look at.
 */
class HtmlReportInBrowserIT {

    /**
     * The demo target is back within ~300 ms of its kill: probed every 100 ms, a few configured probes fall in the
     * outage, so its lane shows the failure (lanes count the configured probes only; the adaptive fast probes
     * sharpen the instants, docs/verdict.md#adaptive-probing).
     */
    static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    static final int LAPTOP_WIDTH = 1366;
    static final int LAPTOP_HEIGHT = 900;
    /** Pixels: rounding of the SVG's scaling and of the browser's layout. */
    static final double PIXEL_TOLERANCE = 1.5;
    static final Path OUT = Path.of("target", "html-report-in-browser").toAbsolutePath();
    static final String PROBE = "target-health";

    @RegisterExtension
    static final SystemTestStack system = SystemTestStack.create();

    /** Screen geometry of one element, from getBoundingClientRect. */
    record Box(double left, double right, double top, double bottom) {
        static Box of(Object rect) {
            Map<?, ?> r = (Map<?, ?>) rect;
            return new Box(n(r.get("left")), n(r.get("right")), n(r.get("top")), n(r.get("bottom")));
        }

        double centreX() {
            return (left + right) / 2;
        }

        private static double n(Object value) {
            return ((Number) value).doubleValue();
        }
    }

    @Test
    void theReportOfAContainerKillShowsItsTimelineWhereTheInstantsPutIt() throws Exception {
        FaultlineStack stack = system.stack();
        TestContainers.Started target = system.announcedDemoTarget("faultline-html-target", Map.of("app", "html"));
        String experiment = Experiments.containerKill("html-report-container-kill", PROBE, target.url("/health"),
                PROBE_INTERVAL, target.name());
        String runId = stack.startRun(experiment);
        JsonNode verdict = stack.awaitCompleted(runId, Duration.ofSeconds(60)).get("verdict");
        Path report = stack.awaitHtmlReport(runId);

        // The same file over the reporter's API.
        HttpResponse<String> served = stack.get(FaultlineStack.Service.REPORTER,
                "/api/v1/reports/" + runId + "?format=html");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(served.body()).isEqualTo(Files.readString(report));

        Files.createDirectories(OUT);
        Files.copy(report, OUT.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
        ChromeDriver browser = HeadlessChromium.start(LAPTOP_WIDTH, LAPTOP_HEIGHT, OUT.resolve("chromium-profile"));
        try {
            browser.get(report.toUri().toString());
            assertThat(browser.getTitle()).startsWith("Chaos run report: html-report-container-kill");

            assertNoHorizontalScroll(browser);
            assertTimeline(browser, verdict);
            screenshot(browser, OUT.resolve("report.png"));

            // The runs index beside the reports links to this report, and the link opens it.
            Path index = stack.reportDir.resolve("index.html");
            Await.until("the runs index listing " + runId, FaultlineStack.REPORT_TIMEOUT,
                    () -> Files.exists(index) && readQuietly(index).contains("data-run=\"" + runId + "\""));
            browser.manage().window().setSize(new Dimension(LAPTOP_WIDTH, LAPTOP_HEIGHT));
            browser.get(index.toUri().toString());
            assertThat(text(browser, "#runs tr[data-run='" + runId + "'] .status")).isEqualTo("PASS");
            assertThat(browser.executeScript("return document.querySelectorAll("
                    + "\"div.experiment[data-experiment='html-report-container-kill'] figure[data-chart]\").length;"))
                    .as("trend charts of the experiment").isNotEqualTo(0L);
            browser.findElement(org.openqa.selenium.By.cssSelector(
                    "#runs tr[data-run='" + runId + "'] a.report-link")).click();
            assertThat(browser.getCurrentUrl()).isEqualTo(report.toUri().toString());
            assertThat(browser.getTitle()).startsWith("Chaos run report: html-report-container-kill");
        } finally {
            browser.quit();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return ""; // replaced while being read: the next poll reads the new one
        }
    }

    private static void assertNoHorizontalScroll(ChromeDriver browser) {
        Map<?, ?> widths = (Map<?, ?>) browser.executeScript("return {scroll: document.documentElement.scrollWidth,"
                + " client: document.documentElement.clientWidth};");
        assertThat(((Number) widths.get("scroll")).intValue())
                .as("page width at %d px (no horizontal scroll)", LAPTOP_WIDTH)
                .isLessThanOrEqualTo(((Number) widths.get("client")).intValue());
    }

    private static void assertTimeline(ChromeDriver browser, JsonNode verdict) {
        Instant origin = Instant.parse(attribute(browser, "svg.timeline", "data-origin"));
        Instant end = Instant.parse(attribute(browser, "svg.timeline", "data-end"));
        TimeAxis axis = TimeAxis.read(browser, origin);

        // The fault window spans the agent's injection to its revert (or to the end, for a fault never reverted).
        Box window = box(browser, "rect.fault-window");
        Instant injected = Instant.parse(attribute(browser, "rect.fault-window", "data-injected-at"));
        String reverted = attribute(browser, "rect.fault-window", "data-reverted-at");
        Instant windowEnd = reverted.isEmpty() ? end : Instant.parse(reverted);
        assertThat(injected).isEqualTo(Instant.parse(verdict.get("timelines").get(0).get("injectedAt").asText()));
        assertThat(window.left()).as("fault window starts at its injection on the axis")
                .isCloseTo(axis.x(injected), within(PIXEL_TOLERANCE));
        assertThat(window.right()).as("fault window ends at its revert on the axis")
                .isCloseTo(axis.x(windowEnd), within(PIXEL_TOLERANCE));

        // The killed target's probe lane failed inside the window.
        String lane = "g.lane[data-lane='" + PROBE + "']";
        List<Box> failed = boxes(browser, lane + " rect.segment.failed");
        assertThat(failed).as("failed segments of the killed target's lane").isNotEmpty();
        assertThat(failed).anySatisfy(segment -> {
            assertThat(segment.right()).isGreaterThan(window.left());
            assertThat(segment.left()).isLessThan(window.right());
        });
        Instant firstFailedFrom = Instant.parse(attribute(browser, lane + " rect.segment.failed", "data-from"));
        assertThat(failed.get(0).left()).isCloseTo(axis.x(firstFailedFrom), within(PIXEL_TOLERANCE));

        // Detection and recovery markers at their instants, labelled with their resolution.
        Instant recoveredAt = Instant.parse(verdict.get("timelines").get(0).get("recoveredAt").asText());
        assertThat(Instant.parse(attribute(browser, lane + " g.marker.recovered", "data-at"))).isEqualTo(recoveredAt);
        assertThat(box(browser, lane + " g.marker.recovered line").centreX())
                .isCloseTo(axis.x(recoveredAt), within(PIXEL_TOLERANCE));
        // Each transition states its own resolution (adaptive probing makes it finer than the probe interval).
        JsonNode timeline = verdict.get("timelines").get(0);
        long recoveryResolution = timeline.hasNonNull("recoveryResolutionMillis")
                ? timeline.get("recoveryResolutionMillis").asLong() : timeline.get("resolutionMillis").asLong();
        assertThat(recoveryResolution).as("the recovery's resolution").isPositive();
        assertThat(text(browser, lane + " g.marker.recovered text")).startsWith("recovered ")
                .endsWith(" ±" + recoveryResolution + " ms");
        assertThat(box(browser, lane + " g.marker.detected line").centreX()).isBetween(window.left(), window.right());

        // Lanes are stacked without overlapping, and each lane's label lies left of the plot.
        List<Box> lanes = boxes(browser, "g.lane > rect.lane-bg");
        assertThat(lanes).hasSizeGreaterThanOrEqualTo(1);
        for (int i = 1; i < lanes.size(); i++) {
            assertThat(lanes.get(i).top()).as("lane %d starts below lane %d", i, i - 1)
                    .isGreaterThanOrEqualTo(lanes.get(i - 1).bottom() - 0.01);
        }
        Box chart = box(browser, "svg.timeline");
        assertThat(boxes(browser, "g.lane > text.lane-label")).allSatisfy(label -> {
            assertThat(label.right()).as("lane label left of the plot").isLessThanOrEqualTo(lanes.get(0).left());
            assertThat(label.left()).as("lane label inside the chart, not cut off").isGreaterThanOrEqualTo(chart.left());
        });
        // The chart fits the page at a laptop's width.
        assertThat(chart.right()).isLessThanOrEqualTo(LAPTOP_WIDTH);
    }

    /** The drawn time axis: its ticks' screen positions and the seconds they are labelled with. */
    record TimeAxis(Instant origin, double x0, double seconds0, double pixelsPerSecond) {
        static TimeAxis read(ChromeDriver browser, Instant origin) {
            List<?> ticks = (List<?>) browser.executeScript("return Array.from(document.querySelectorAll("
                    + "'g.axis[data-axis=lanes] g.tick')).map(t => ({seconds: parseFloat(t.dataset.seconds),"
                    + " x: t.querySelector('line').getBoundingClientRect().left}));");
            assertThat(ticks).as("ticks of the time axis").hasSizeGreaterThanOrEqualTo(2);
            Map<?, ?> first = (Map<?, ?>) ticks.get(0);
            Map<?, ?> last = (Map<?, ?>) ticks.get(ticks.size() - 1);
            double s0 = ((Number) first.get("seconds")).doubleValue();
            double s1 = ((Number) last.get("seconds")).doubleValue();
            double x0 = ((Number) first.get("x")).doubleValue();
            double x1 = ((Number) last.get("x")).doubleValue();
            return new TimeAxis(origin, x0, s0, (x1 - x0) / (s1 - s0));
        }

        double x(Instant at) {
            double seconds = Duration.between(origin, at).toNanos() / 1e9;
            return x0 + (seconds - seconds0) * pixelsPerSecond;
        }
    }

    private static String attribute(ChromeDriver browser, String selector, String name) {
        Object value = browser.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e === null ? null : e.getAttribute(arguments[1]);", selector, name);
        assertThat(value).as("attribute %s of %s", name, selector).isNotNull();
        return value.toString();
    }

    private static String text(ChromeDriver browser, String selector) {
        Object value = browser.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e === null ? null : e.textContent;", selector);
        assertThat(value).as(selector).isNotNull();
        return value.toString();
    }

    private static Box box(ChromeDriver browser, String selector) {
        List<Box> all = boxes(browser, selector);
        assertThat(all).as(selector).isNotEmpty();
        return all.get(0);
    }

    /** Positions relative to the document (not the viewport), so that scrolling does not move them. */
    private static List<Box> boxes(ChromeDriver browser, String selector) {
        List<?> rects = (List<?>) browser.executeScript("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".map(e => { const r = e.getBoundingClientRect(); return {left: r.left + scrollX, right: r.right"
                + " + scrollX, top: r.top + scrollY, bottom: r.bottom + scrollY}; });", selector);
        return rects.stream().map(Box::of).toList();
    }

    /** The whole page: the window is made as tall as the document first (up to 8000 px). */
    private static void screenshot(ChromeDriver browser, Path file) throws Exception {
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight;")).longValue();
        browser.manage().window().setSize(new Dimension(LAPTOP_WIDTH, (int) Math.min(8000, height)));
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        System.out.println("screenshot of the HTML report: " + file);
    }
}
