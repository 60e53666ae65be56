package dev.faultline.reporter.report;

import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.Verdict;
import java.util.List;

/**
 * {@code report.md}: the run as an SRE reads it after the fact. Every number says its unit, and the last section says
 * how the numbers were measured and how precise they are.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(RunReport report) {
        RunVerdict verdict = report.verdict();
        StringBuilder md = new StringBuilder();
        md.append("# Chaos run report: ").append(verdict.experimentName()).append(" — ")
                .append(verdict.verdict()).append("\n\n");
        md.append(verdict.verdict() == Verdict.PASS
                ? "The system met every objective while the faults were active.\n\n"
                : "The system did **not** meet its objectives; the findings below say why.\n\n");
        summary(md, report);
        recovery(md, verdict);
        objectives(md, verdict.slos());
        findings(md, verdict.findings());
        events(md, report);
        method(md, verdict);
        return md.toString();
    }

    private static void summary(StringBuilder md, RunReport report) {
        RunVerdict verdict = report.verdict();
        md.append("## Summary\n\n");
        table(md, List.of("Run", ""));
        row(md, "Run id", "`" + report.runId() + "`");
        row(md, "Experiment", verdict.experimentName());
        row(md, "Started", report.startedAt().map(t -> ReportFormat.instant(t, "")).orElse("not recorded"));
        row(md, "Finished", report.finishedAt().map(t -> ReportFormat.instant(t, "")).orElse("not recorded"));
        report.aborted().ifPresent(a -> row(md, "Aborted",
                a.reason() + (a.operator() == null ? "" : " (by " + a.operator() + ")")));
        row(md, "Verdict", "**" + verdict.verdict() + "**");
        row(md, "Probe interval (resolution)", ReportFormat.duration(verdict.probeIntervalMillis()));
        md.append('\n');
    }

    private static void recovery(StringBuilder md, RunVerdict verdict) {
        md.append("## Recovery\n\n");
        if (verdict.timelines().isEmpty()) {
            md.append("No recovery timeline: no fault took effect, so there was nothing to measure.\n\n");
            return;
        }
        table(md, List.of("Target", "Probe", "Injected at", "Detected at", "Recovered at", "Time to detect",
                "Time to recover", "Availability", "Probes failed / total", "Resolution"));
        for (RecoveryTimeline t : verdict.timelines()) {
            row(md, t.target().toString(),
                    t.probe(),
                    ReportFormat.instant(t.injectedAt(), ""),
                    ReportFormat.instant(t.detectedAt(), "never failed"),
                    ReportFormat.instant(t.recoveredAt(), t.detectedAt() == null ? "—" : "not recovered"),
                    ReportFormat.duration(t.timeToDetectMillis(), "never failed"),
                    ReportFormat.duration(t.timeToRecoverMillis(), "not recovered"),
                    ReportFormat.percent(t.availabilityPercent()),
                    t.probesFailed() + " / " + t.probesInWindow(),
                    ReportFormat.duration(t.resolutionMillis()));
        }
        md.append('\n');
    }

    private static void objectives(StringBuilder md, List<SloResult> slos) {
        md.append("## Objectives\n\n");
        if (slos.isEmpty()) {
            md.append("No objective was evaluated.\n\n");
            return;
        }
        table(md, List.of("Objective", "Threshold", "Measured", "Status", "How measured"));
        for (SloResult slo : slos) {
            row(md, slo.objective(),
                    ReportFormat.quantity(slo.threshold(), slo.unit(), ""),
                    ReportFormat.quantity(slo.measured(), slo.unit(), "no data"),
                    "**" + slo.status() + "**",
                    slo.method());
        }
        md.append('\n');
    }

    private static void findings(StringBuilder md, List<String> findings) {
        md.append("## Findings\n\n");
        if (findings.isEmpty()) {
            md.append("None.\n\n");
            return;
        }
        for (String finding : findings) {
            md.append("- ").append(oneLine(finding)).append('\n');
        }
        md.append('\n');
    }

    private static void events(StringBuilder md, RunReport report) {
        md.append("## Events\n\n");
        if (report.events().isEmpty()) {
            md.append("No event of this run was recorded.\n\n");
            return;
        }
        table(md, List.of("Time", "Type", "Agent", "Fault", "Target", "Detail"));
        report.events().stream().map(EventRow::of)
                .forEach(e -> row(md, e.time(), e.type(), e.agent(), e.fault(), e.target(), e.detail()));
        md.append('\n');
    }

    private static void method(StringBuilder md, RunVerdict verdict) {
        String interval = ReportFormat.duration(verdict.probeIntervalMillis());
        md.append("## How these numbers were measured\n\n")
                .append("- Probes were issued every ").append(interval)
                .append("; that interval is the resolution of every time above: a real transition lies up to one"
                        + " interval before the instant reported, so times to detect and to recover are exact to"
                        + " within ").append(interval).append(".\n")
                .append("- *Injected at* is the agent's clock when its action completed (FaultInjected);"
                        + " *detected at* and *recovered at* are the instants at which the deciding probes were"
                        + " issued. A clock offset between the agent's host and the observer's adds to the times"
                        + " shown.\n")
                .append("- *Time to detect* is the first failed probe minus the injection; *time to recover* is the"
                        + " first successful probe after which no probe failed until the window closed, minus the"
                        + " injection (0 s when the probe never failed).\n")
                .append("- *Availability* is the share of successful probes from the injection to the end of the"
                        + " observation window.\n");
    }

    private static void table(StringBuilder md, List<String> headers) {
        row(md, headers.toArray(String[]::new));
        md.append('|');
        headers.forEach(h -> md.append("---|"));
        md.append('\n');
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell(cell)).append(" |");
        }
        md.append('\n');
    }

    /** A value that cannot break the table it sits in. */
    private static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
