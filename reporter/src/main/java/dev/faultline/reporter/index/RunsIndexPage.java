package dev.faultline.reporter.index;

import static dev.faultline.reporter.report.Html.coordinate;
import static dev.faultline.reporter.report.Html.escape;

import dev.faultline.common.verdict.ExperimentTrend;
import dev.faultline.common.verdict.ResilienceScore;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.reporter.report.ReportFormat;
import dev.faultline.reporter.report.ReportStyles;
import dev.faultline.reporter.report.ReportWriter;
import dev.faultline.reporter.store.StoredRun;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The runs index page: every stored run newest first with a link to its report, and per experiment its trend over
 * its last {@link #TREND_RUNS} runs as small inline SVG charts (verdict, resilience score, objectives met, recovery
 * time per target, availability, error rate), from common's {@link ExperimentTrend}. Self-contained like report.html.
 */
public final class RunsIndexPage {

    /** How many of an experiment's newest runs its trend charts show. */
    static final int TREND_RUNS = 20;
    private static final double CHART_WIDTH = 260;
    private static final double CHART_HEIGHT = 56;
    private static final String NO_EXPERIMENT = "(experiment not recorded)";

    /** How a run's report is linked: as the file beside the index, or as the reporter's API URL. */
    public enum Links {
        FILES(runId -> encode(ReportWriter.directoryName(runId)) + "/" + ReportWriter.HTML),
        API(runId -> "reports/" + encode(runId) + "?format=html");

        private final Function<String, String> href;

        Links(Function<String, String> href) {
            this.href = href;
        }

        String href(String runId) {
            return href.apply(runId);
        }
    }

    private RunsIndexPage() {
    }

    /** One stored run with what the page needs of it, read once. */
    record Row(StoredRun run, Instant createdAt, RunVerdict verdict) {
        static Row of(StoredRun run) {
            return new Row(run, run.createdAt(), run.runVerdict().orElse(null));
        }

        String experiment() {
            return run.experimentName() != null ? run.experimentName()
                    : verdict != null ? verdict.experimentName() : NO_EXPERIMENT;
        }
    }

    public static String render(List<StoredRun> stored, Links links, Instant generatedAt) {
        List<Row> rows = stored.stream().map(Row::of)
                .sorted(Comparator.comparing(Row::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(r -> r.run().runId()))
                .toList();
        Map<String, List<Row>> byExperiment = new LinkedHashMap<>();
        rows.forEach(r -> byExperiment.computeIfAbsent(r.experiment(), k -> new ArrayList<>()).add(r));

        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                        + " style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Faultline runs</title>\n<style>\n").append(ReportStyles.CSS)
                .append("</style>\n</head>\n<body>\n<header class=\"banner\"><div class=\"headline\">")
                .append("<h1>Faultline runs</h1><p>").append(rows.size()).append(" run(s) of ")
                .append(byExperiment.size()).append(" experiment(s), newest first; written ")
                .append(ReportFormat.instant(generatedAt, "")).append(" from the stored runs.</p></div></header>\n")
                .append("<main>\n");
        experiments(html, byExperiment, links);
        runs(html, rows, links);
        html.append("</main>\n<footer>Trend charts show each experiment's last ").append(TREND_RUNS)
                .append(" runs, oldest left. Score: the share of objectives and checks met (docs/verdict.md).")
                .append("</footer>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void experiments(StringBuilder html, Map<String, List<Row>> byExperiment, Links links) {
        html.append("<section id=\"experiments\" class=\"report-section\">\n<h2>Experiments</h2>\n");
        if (byExperiment.isEmpty()) {
            html.append("<p>No run has been stored yet.</p>\n");
        }
        for (Map.Entry<String, List<Row>> experiment : byExperiment.entrySet()) {
            List<Row> recent = experiment.getValue().stream().limit(TREND_RUNS).toList();
            List<ExperimentTrend.Entry> entries = recent.stream()
                    .filter(r -> r.createdAt() != null && r.run().state() != null)
                    .map(r -> new ExperimentTrend.Entry(r.run().runId(), r.createdAt(), r.run().state(), r.verdict()))
                    .toList();
            String name = experiment.getKey();
            html.append("<div class=\"experiment\" data-experiment=\"").append(escape(name)).append("\">\n<h3>")
                    .append(escape(name)).append("</h3>\n");
            if (entries.isEmpty() || name.equals(NO_EXPERIMENT)) {
                html.append("<p class=\"note\">No trend: its runs have no recorded start or state.</p>\n</div>\n");
                continue;
            }
            ExperimentTrend trend = ExperimentTrend.of(name, entries);
            html.append("<p>").append(trend.runs().size()).append(" run(s); pass rate ")
                    .append(trend.passRate() == null ? "— (none judged)" : ReportFormat.percent(100 * trend.passRate()))
                    .append(", mean score ")
                    .append(trend.meanScore() == null ? "—" : String.format(Locale.ROOT, "%.1f", trend.meanScore()))
                    .append(".</p>\n<div class=\"trend-charts\">\n");
            // Oldest left, as a trend reads.
            List<ExperimentTrend.TrendRun> runs = new ArrayList<>(trend.runs());
            java.util.Collections.reverse(runs);
            Map<String, RunVerdict> verdicts = new LinkedHashMap<>();
            recent.forEach(r -> verdicts.put(r.run().runId(), r.verdict()));
            verdictChart(html, runs);
            if (trend.passRate() == null) {
                html.append("</div>\n</div>\n");
                continue;
            }
            valueChart(html, "score", "resilience score (0–100)", runs, r -> r.score() == null ? null : r.score() * 1.0,
                    100.0, "");
            valueChart(html, "objectives-met", "objectives met (SLA compliance)", runs, r -> {
                RunVerdict v = verdicts.get(r.runId());
                if (v == null || v.slos().isEmpty()) {
                    return null;
                }
                ResilienceScore score = ResilienceScore.of(v);
                return 100.0 * score.objectivesMet() / score.objectives();
            }, 100.0, " %");
            for (String target : targets(runs)) {
                valueChart(html, "recovery", "recovery time of " + target, runs,
                        r -> r.recoveryMillisByTarget().containsKey(target) && r.recoveryMillisByTarget().get(target)
                                != null ? r.recoveryMillisByTarget().get(target) / 1000.0 : null, null, " s");
            }
            valueChart(html, "availability", "availability (lowest probe)", runs,
                    ExperimentTrend.TrendRun::availabilityPercent, 100.0, " %");
            if (runs.stream().anyMatch(r -> r.errorRatePercent() != null)) {
                valueChart(html, "error-rate", "load error rate", runs, ExperimentTrend.TrendRun::errorRatePercent,
                        null, " %");
            }
            html.append("</div>\n</div>\n");
        }
        html.append("</section>\n");
    }

    private static TreeSet<String> targets(List<ExperimentTrend.TrendRun> runs) {
        TreeSet<String> targets = new TreeSet<>();
        runs.forEach(r -> targets.addAll(r.recoveryMillisByTarget().keySet()));
        return targets;
    }

    private static void verdictChart(StringBuilder html, List<ExperimentTrend.TrendRun> runs) {
        double step = CHART_WIDTH / Math.max(runs.size(), 1);
        chartStart(html, "verdict", "verdict per run");
        for (int i = 0; i < runs.size(); i++) {
            ExperimentTrend.TrendRun run = runs.get(i);
            String verdict = run.verdict() == null ? "none" : run.verdict().name().toLowerCase(Locale.ROOT);
            html.append("<rect class=\"trend-bar ").append(verdict).append("\" data-run=\"").append(escape(run.runId()))
                    .append("\" data-verdict=\"").append(run.verdict() == null ? "" : run.verdict().name())
                    .append("\" x=\"").append(coordinate(i * step + 1)).append("\" y=\"12\" width=\"")
                    .append(coordinate(Math.max(step - 2, 1))).append("\" height=\"").append(coordinate(CHART_HEIGHT - 24))
                    .append("\"><title>").append(escape(run.runId() + ": " + (run.verdict() == null
                            ? run.state().name().toLowerCase(Locale.ROOT) + ", no verdict" : run.verdict().name())))
                    .append("</title></rect>");
        }
        chartEnd(html);
    }

    /**
     * Bars of one figure per run, scaled to {@code max} (or to the largest value); a run without the figure shows
     * as a grey stub, so that the runs of every chart line up.
     */
    private static void valueChart(StringBuilder html, String name, String label, List<ExperimentTrend.TrendRun> runs,
            Function<ExperimentTrend.TrendRun, Double> value, Double max, String unit) {
        List<Double> values = runs.stream().map(value).toList();
        double top = max != null ? max : values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue)
                .max().orElse(0);
        double step = CHART_WIDTH / Math.max(runs.size(), 1);
        Double latest = values.isEmpty() ? null : values.get(values.size() - 1);
        chartStart(html, name, label + (max == null ? " (max " + number(top) + unit + ")" : "")
                + (latest == null ? "" : "; latest " + number(latest) + unit));
        double plot = CHART_HEIGHT - 14;
        for (int i = 0; i < runs.size(); i++) {
            Double v = values.get(i);
            ExperimentTrend.TrendRun run = runs.get(i);
            String verdict = run.verdict() == null ? "none" : run.verdict().name().toLowerCase(Locale.ROOT);
            double h = v == null || top <= 0 ? 2 : Math.max(2, v / top * plot);
            html.append("<rect class=\"trend-bar ").append(v == null ? "none" : verdict).append("\" data-run=\"")
                    .append(escape(run.runId())).append("\" data-value=\"").append(v == null ? "" : number(v))
                    .append("\" x=\"").append(coordinate(i * step + 1)).append("\" y=\"")
                    .append(coordinate(CHART_HEIGHT - h)).append("\" width=\"").append(coordinate(Math.max(step - 2, 1)))
                    .append("\" height=\"").append(coordinate(h)).append("\"><title>")
                    .append(escape(run.runId() + ": " + (v == null ? "not measured" : number(v) + unit)))
                    .append("</title></rect>");
        }
        chartEnd(html);
    }

    private static void chartStart(StringBuilder html, String name, String label) {
        html.append("<figure class=\"trend-chart\" data-chart=\"").append(name).append("\"><figcaption>")
                .append(escape(label)).append("</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(coordinate(CHART_WIDTH)).append("\" height=\"").append(coordinate(CHART_HEIGHT))
                .append("\" viewBox=\"0 0 ").append(coordinate(CHART_WIDTH)).append(' ')
                .append(coordinate(CHART_HEIGHT)).append("\" role=\"img\" aria-label=\"").append(escape(label))
                .append("\"><rect class=\"chart-bg\" x=\"0\" y=\"0\" width=\"").append(coordinate(CHART_WIDTH))
                .append("\" height=\"").append(coordinate(CHART_HEIGHT)).append("\"/>");
    }

    private static void chartEnd(StringBuilder html) {
        html.append("</svg></figure>\n");
    }

    private static void runs(StringBuilder html, List<Row> rows, Links links) {
        html.append("<section id=\"runs\" class=\"report-section\">\n<h2>Runs</h2>\n");
        if (rows.isEmpty()) {
            html.append("<p>No run has been stored yet.</p>\n</section>\n");
            return;
        }
        html.append("<div class=\"table-wrap\"><table>\n<thead><tr><th>Started</th><th>Experiment</th><th>Run</th>")
                .append("<th>State</th><th>Verdict</th><th>Score</th><th>Report</th></tr></thead>\n<tbody>\n");
        for (Row row : rows) {
            StoredRun run = row.run();
            Optional<ResilienceScore> score = Optional.ofNullable(row.verdict()).map(ResilienceScore::of);
            boolean reported = run.reportJsonPath() != null;
            html.append("<tr data-run=\"").append(escape(run.runId())).append("\"><td>")
                    .append(ReportFormat.instant(row.createdAt(), "not recorded")).append("</td><td>")
                    .append(escape(row.experiment())).append("</td><td><code>").append(escape(run.runId()))
                    .append("</code></td><td>")
                    .append(run.state() == null ? "" : run.state().name().toLowerCase(Locale.ROOT)).append("</td><td>");
            if (row.verdict() != null) {
                String v = row.verdict().verdict().name();
                html.append("<strong class=\"status status-").append(v.toLowerCase(Locale.ROOT)).append("\">")
                        .append(v).append("</strong>");
            } else {
                html.append("—");
            }
            html.append("</td><td>").append(score.map(s -> Integer.toString(s.score())).orElse("—"))
                    .append("</td><td>");
            if (reported) {
                html.append("<a class=\"report-link\" href=\"").append(escape(links.href(run.runId())))
                        .append("\">report</a>");
            } else {
                html.append("not written yet");
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
