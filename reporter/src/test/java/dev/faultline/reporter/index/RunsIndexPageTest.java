package dev.faultline.reporter.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.run.RunState;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.reporter.RunFixtures;
import dev.faultline.reporter.store.StoredRun;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class RunsIndexPageTest {

    private static StoredRun completed(String runId, Instant startedAt, RunVerdict verdict) {
        return new StoredRun(runId, RunState.COMPLETED, verdict.experimentName(), null, startedAt.toString(), null,
                verdict.verdict().name(), ChaosJson.write(verdict), "/r/" + runId + "/report.json",
                "/r/" + runId + "/report.md", startedAt.plusSeconds(20).toString());
    }

    private static RunVerdict passed(String runId) {
        RunVerdict failed = RunFixtures.failedVerdict(runId);
        return new RunVerdict(failed.schemaVersion(), failed.messageId(), runId, failed.timestamp(),
                failed.experimentName(), dev.faultline.common.verdict.Verdict.PASS, failed.timelines(),
                List.of(failed.slos().get(0)), List.of(), 250);
    }

    private static List<StoredRun> runs() {
        Instant t = RunFixtures.T0;
        return List.of(
                completed("run-a", t, passed("run-a")),
                completed("run-c", t.plusSeconds(200), RunFixtures.failedVerdict("run-c")),
                completed("run-b", t.plusSeconds(100), passed("run-b")),
                new StoredRun("run-d", RunState.RUNNING, "other", null, t.plusSeconds(300).toString(), null, null,
                        null, null, null, null));
    }

    @Test
    void runsAreListedNewestFirstWithLinksToTheirReports() {
        Document html = Jsoup.parse(RunsIndexPage.render(runs(), RunsIndexPage.Links.FILES, RunFixtures.T0));

        assertThat(html.select("#runs tbody tr").eachAttr("data-run")).containsExactly("run-d", "run-c", "run-b",
                "run-a");
        assertThat(html.select("#runs a.report-link").eachAttr("href"))
                .containsExactly("run-c/report.html", "run-b/report.html", "run-a/report.html");
        assertThat(html.select("#runs tr[data-run=run-d] td").eachText()).contains("running", "not written yet");
        assertThat(html.select("#runs tr[data-run=run-c] .status").text()).isEqualTo("FAIL");
    }

    @Test
    void apiLinksPointAtTheReportsEndpoint() {
        Document html = Jsoup.parse(RunsIndexPage.render(runs(), RunsIndexPage.Links.API, RunFixtures.T0));

        assertThat(html.select("#runs a.report-link").first().attr("href")).isEqualTo("reports/run-c?format=html");
    }

    @Test
    void eachExperimentHasItsTrendOldestLeft() {
        Document html = Jsoup.parse(RunsIndexPage.render(runs(), RunsIndexPage.Links.FILES, RunFixtures.T0));

        Element kill = html.selectFirst("div.experiment[data-experiment=kill-web]");
        assertThat(kill.selectFirst("p").text()).contains("3 run(s)").contains("pass rate 66.667 %");
        assertThat(kill.select("figure[data-chart=verdict] rect.trend-bar").eachAttr("data-verdict"))
                .containsExactly("PASS", "PASS", "FAIL");
        assertThat(kill.select("figure[data-chart=score] rect.trend-bar").eachAttr("data-value"))
                .containsExactly("100", "100", "50");
        assertThat(kill.select("figure[data-chart=objectives-met] rect.trend-bar").eachAttr("data-value"))
                .containsExactly("100", "100", "50");
        assertThat(kill.select("figure[data-chart=recovery] figcaption").text()).contains("recovery time of web");
        assertThat(kill.select("figure[data-chart=recovery] rect.trend-bar").eachAttr("data-value"))
                .containsExactly("1.234", "1.234", "1.234");
        assertThat(kill.select("figure[data-chart=availability] rect.trend-bar").eachAttr("data-value"))
                .containsExactly("87.5", "87.5", "87.5");
        assertThat(html.select("script, link, img")).isEmpty();
    }

    @Test
    void anEmptyStoreSaysSo() {
        Document html = Jsoup.parse(RunsIndexPage.render(List.of(), RunsIndexPage.Links.FILES, RunFixtures.T0));

        assertThat(html.select("#runs p").text()).isEqualTo("No run has been stored yet.");
    }
}
