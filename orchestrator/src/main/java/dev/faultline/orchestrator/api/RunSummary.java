package dev.faultline.orchestrator.api;

import dev.faultline.common.verdict.ProbeStatus;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunProgress;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloBreached;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.orchestrator.run.RunView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A run as a plain-text table for terminals (the CLI prints it). */
public final class RunSummary {

    private RunSummary() {
    }

    public static String render(RunView run) {
        StringBuilder out = new StringBuilder();
        out.append("Run ").append(run.runId()).append("  experiment ").append(run.experimentName())
                .append("  state ").append(run.state());
        if (run.phase() != null) {
            out.append("  phase ").append(run.phase().wireName());
        }
        out.append('\n');
        if (run.abortReason() != null) {
            out.append("Aborted: ").append(run.abortReason()).append('\n');
        }
        for (SloBreached breach : run.breaches()) {
            out.append("Breached at ").append(breach.timestamp()).append(": ").append(breach.objective()).append(": ")
                    .append(breach.detail()).append('\n');
        }
        RunVerdict verdict = run.verdict();
        if (verdict == null) {
            progress(out, run.progress());
            out.append("No verdict yet.\n");
            return out.toString();
        }
        out.append('\n');
        List<String[]> recovery = new ArrayList<>();
        recovery.add(new String[] {"target", "probe", "time to detect", "time to recover", "availability",
                "failed probes"});
        for (RecoveryTimeline t : verdict.timelines()) {
            // A probe that never failed has nothing to detect or recover from: say so rather than "not recovered".
            RecoveryTimeline.Recovery outcome = t.recovery();
            boolean failed = outcome.probeFailed();
            recovery.add(new String[] {t.target().containerName(), t.probe(),
                    failed ? millis(t.timeToDetectMillis()) : outcome.words(),
                    outcome == RecoveryTimeline.Recovery.RECOVERED ? millis(t.timeToRecoverMillis()) : outcome.words(),
                    String.format(Locale.ROOT, "%.3f %%", t.availabilityPercent()),
                    t.probesFailed() + " of " + t.probesInWindow()
                            + (t.failures() == null || t.probesFailed() == 0 ? "" : " (" + t.failures().describe() + ")")});
        }
        table(out, recovery);
        out.append('\n');
        List<String[]> slos = new ArrayList<>();
        slos.add(new String[] {"objective", "threshold", "measured", "status"});
        for (SloResult slo : verdict.slos()) {
            slos.add(new String[] {slo.objective(), value(slo.threshold(), slo.unit()),
                    slo.measured() == null ? "-" : value(slo.measured(), slo.unit()), slo.status().toString()});
        }
        table(out, slos);
        out.append('\n');
        for (String finding : verdict.findings()) {
            out.append("- ").append(finding).append('\n');
        }
        out.append("Resolution: every time above comes from probes every ").append(verdict.probeIntervalMillis())
                .append(" ms; a transition lies within one interval before the time shown.\n");
        out.append("Verdict: ").append(verdict.verdict()).append('\n');
        return out.toString();
    }

    /** While the run goes on: each probe as the observer's latest progress has it. */
    private static void progress(StringBuilder out, RunProgress progress) {
        if (progress == null || progress.probes().isEmpty()) {
            return;
        }
        out.append("\nProbes at ").append(progress.timestamp()).append(":\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"probe", "state", "samples", "failed", "availability since injection", "last"});
        for (ProbeStatus probe : progress.probes()) {
            rows.add(new String[] {probe.probe(), probe.state(), Integer.toString(probe.samples()),
                    Integer.toString(probe.failed()),
                    probe.availabilityPercent() == null ? "-"
                            : String.format(Locale.ROOT, "%.3f %%", probe.availabilityPercent()),
                    probe.lastError() != null ? probe.lastError()
                            : probe.lastStatus() != null ? "status " + probe.lastStatus() : "-"});
        }
        table(out, rows);
        out.append('\n');
    }

    private static String millis(Long ms) {
        return ms == null ? "-" : String.format(Locale.ROOT, "%.3f s", ms / 1000.0);
    }

    private static String value(double v, String unit) {
        return switch (unit) {
            case "ms" -> String.format(Locale.ROOT, "%.3f s", v / 1000.0);
            case "percent" -> String.format(Locale.ROOT, "%.3f %%", v);
            default -> String.format(Locale.ROOT, "%s %s", v, unit);
        };
    }

    private static void table(StringBuilder out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                out.append(String.format("%-" + widths[i] + "s", row[i]));
                out.append(i + 1 < row.length ? "  " : "\n");
            }
            if (r == 0) {
                for (int i = 0; i < widths.length; i++) {
                    out.append("-".repeat(widths[i])).append(i + 1 < widths.length ? "  " : "\n");
                }
            }
        }
    }
}
