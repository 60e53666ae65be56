package dev.faultline.reporter.report;

import static dev.faultline.reporter.report.Html.escape;

import dev.faultline.common.verdict.ResilienceScore;
import dev.faultline.common.verdict.RunVerdict;
import java.util.Set;

/**
 * {@code report.html}: the run in one self-contained page to share: the verdict at the top, the timeline chart
 * ({@link TimelineChart}), then the sections of {@link ReportContent} (the same as report.md's). CSS and SVG are
 * inline; there is no script and nothing is fetched (its Content-Security-Policy forbids both), so the file opens
 * the same from a disk, a mail or a CI artefact. Readable at 1366 px, printable (a print stylesheet).
 */
public final class HtmlReport {

    private static final Set<String> STATUSES = Set.of("PASS", "FAIL", "NO_DATA");

    private HtmlReport() {
    }

    public static String render(RunReport report) {
        ReportContent content = ReportContent.of(report);
        RunVerdict verdict = report.verdict();
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                        + " style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(content.title())).append("</title>\n")
                .append("<style>\n").append(ReportStyles.CSS).append("</style>\n</head>\n<body>\n");
        String verdictClass = verdict.verdict().name().toLowerCase(java.util.Locale.ROOT);
        html.append("<header class=\"banner ").append(verdictClass).append("\">\n")
                .append("<div class=\"verdict\" id=\"verdict\" data-verdict=\"").append(verdict.verdict())
                .append("\">").append(verdict.verdict()).append("</div>\n")
                .append(score(ResilienceScore.of(verdict)))
                .append("<div class=\"headline\"><h1>").append(escape(content.title())).append("</h1>\n<p>")
                .append(inline(content.lead())).append("</p></div>\n</header>\n");
        html.append("<nav class=\"contents\">");
        html.append("<a href=\"#summary\">Summary</a> <a href=\"#timeline\">Timeline</a>");
        for (ReportSection section : content.sections()) {
            if (!section.id().equals("summary")) {
                html.append(" <a href=\"#").append(section.id()).append("\">").append(escape(section.title()))
                        .append("</a>");
            }
        }
        html.append("</nav>\n<main>\n");
        for (ReportSection section : content.sections()) {
            section(html, section);
            if (section.id().equals("summary")) {
                timeline(html, report);
            }
        }
        html.append("</main>\n<footer>Faultline report of run <code>").append(escape(report.runId()))
                .append("</code>; the same content as report.md and report.json beside this file.</footer>\n")
                .append("</body>\n</html>\n");
        return html.toString();
    }

    /** The score beside the verdict, never without its parts (docs/verdict.md). */
    private static String score(ResilienceScore score) {
        return "<div class=\"score\" id=\"score\" data-score=\"" + score.score() + "\"><strong>" + score.score()
                + "</strong> / 100 resilience score<br>" + escape(ReportFormat.score(score).replaceFirst("^score \\d+ ", ""))
                + "</div>\n";
    }

    private static void timeline(StringBuilder html, RunReport report) {
        html.append("<section id=\"timeline\" class=\"report-section\">\n<h2>Timeline</h2>\n");
        if (!TimelineChart.hasContent(report)) {
            html.append("<p>Nothing to draw: no probe sample, fault or load second was recorded.</p>\n</section>\n");
            return;
        }
        html.append("<div class=\"chart\">\n").append(TimelineChart.render(report)).append("</div>\n");
        html.append("<ul class=\"legend\">")
                .append("<li><span class=\"swatch ok\"></span>probe ok</li>")
                .append("<li><span class=\"swatch degraded\"></span>degraded (success, not full service)</li>")
                .append("<li><span class=\"swatch failed\"></span>probe failed</li>")
                .append("<li><span class=\"swatch fault\"></span>fault window (injected → reverted)</li>")
                .append("<li><span class=\"swatch detected\"></span>detected</li>")
                .append("<li><span class=\"swatch recovered\"></span>recovered</li>")
                .append("<li><span class=\"swatch platform\"></span>target down / up / healthy (Docker)</li>")
                .append("<li><span class=\"swatch open\"></span>breaker open</li></ul>\n");
        html.append("<p class=\"note\">Each probe sample is drawn over its interval (")
                .append(ReportFormat.duration(report.verdict().probeIntervalMillis()))
                .append("), the resolution of the lanes and markers; a true change of state lies within one interval"
                        + " before the sample that showed it. Fault windows run from the agent's injection instant"
                        + " to its revert instant (agent's clock), or to the end for a fault no agent reverted (a"
                        + " container kill has nothing to undo). Hover an element for its exact instants.</p>\n")
                .append("</section>\n");
    }

    private static void section(StringBuilder html, ReportSection section) {
        html.append("<section id=\"").append(escape(section.id())).append("\" class=\"report-section\">\n<h2>")
                .append(escape(section.title())).append("</h2>\n");
        for (ReportBlock block : section.blocks()) {
            block(html, block);
        }
        html.append("</section>\n");
    }

    private static void block(StringBuilder html, ReportBlock block) {
        if (block instanceof ReportBlock.Paragraph p) {
            html.append("<p>").append(inline(p.text())).append("</p>\n");
        } else if (block instanceof ReportBlock.Bullets list) {
            html.append("<ul>\n");
            list.items().forEach(item -> html.append("<li>").append(inline(item)).append("</li>\n"));
            html.append("</ul>\n");
        } else if (block instanceof ReportBlock.Table table) {
            html.append("<div class=\"table-wrap\"><table>\n<thead><tr>");
            table.headers().forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
            html.append("</tr></thead>\n<tbody>\n");
            for (var row : table.rows()) {
                html.append("<tr>");
                row.forEach(cell -> html.append("<td>").append(inline(cell)).append("</td>"));
                html.append("</tr>\n");
            }
            html.append("</tbody>\n</table></div>\n");
        }
    }

    static String inline(ReportText text) {
        StringBuilder html = new StringBuilder();
        for (ReportText.Span span : text.spans()) {
            String words = escape(span.text());
            switch (span.style()) {
                case PLAIN -> html.append(words);
                case STRONG -> html.append(STATUSES.contains(span.text())
                        ? "<strong class=\"status status-" + span.text().toLowerCase(java.util.Locale.ROOT)
                                .replace('_', '-') + "\">" + words + "</strong>"
                        : "<strong>" + words + "</strong>");
                case EMPHASIS -> html.append("<em>").append(words).append("</em>");
                case CODE -> html.append("<code>").append(words).append("</code>");
            }
        }
        return html.toString();
    }
}
