package dev.faultline.cli.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.text.Formats;
import dev.faultline.cli.text.TextTable;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's verdict as tables for a terminal: the objectives with threshold, measured value and status, the checks,
 * the recovery per target and probe (in the wording of {@link RecoveryTimeline.Recovery}, as every report), the
 * findings, and the resilience score beside the figures it summarises.
 */
public final class VerdictTable {

    private VerdictTable() {
    }

    /** Reads the verdict of a RunView leniently (fields of newer servers are ignored). */
    public static RunVerdict read(JsonNode verdict) {
        try {
            return ChaosJson.messages().treeToValue(verdict, RunVerdict.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("the run's verdict cannot be read: " + e.getMessage(), e);
        }
    }

    public static List<String> render(RunVerdict verdict) {
        List<String> lines = new ArrayList<>();
        TextTable objectives = new TextTable("objective", "threshold", "measured", "status");
        for (SloResult slo : verdict.slos()) {
            objectives.row(slo.objective(), Formats.measure(slo.threshold(), slo.unit()),
                    slo.measured() == null ? null : Formats.measure(slo.measured(), slo.unit()), slo.status());
        }
        if (!objectives.isEmpty()) {
            lines.addAll(objectives.lines(""));
            lines.add("");
        }
        TextTable checks = new TextTable("check", "status", "detail");
        for (CheckResult check : verdict.checks()) {
            checks.row(check.name(), check.status(), check.detail());
        }
        if (!checks.isEmpty()) {
            lines.addAll(checks.lines(""));
            lines.add("");
        }
        TextTable recovery = new TextTable("target", "probe", "time to detect", "time to recover", "availability",
                "failed probes");
        for (RecoveryTimeline t : verdict.timelines()) {
            RecoveryTimeline.Recovery outcome = t.recovery();
            recovery.row(t.target().containerName(), t.probe(),
                    outcome.probeFailed() ? millis(t.timeToDetectMillis()) : outcome.words(),
                    outcome == RecoveryTimeline.Recovery.RECOVERED ? millis(t.timeToRecoverMillis()) : outcome.words(),
                    Formats.percent(t.availabilityPercent()), t.probesFailed() + " of " + t.probesInWindow());
        }
        if (!recovery.isEmpty()) {
            lines.addAll(recovery.lines(""));
            lines.add("");
        }
        for (String finding : verdict.findings()) {
            lines.add("- " + finding);
        }
        lines.add("Resolution: probes every " + verdict.probeIntervalMillis()
                + " ms; a transition lies within one interval before the time shown.");
        lines.add(Scores.describe(verdict));
        lines.add("Verdict: " + verdict.verdict());
        return lines;
    }

    private static String millis(Long value) {
        return value == null ? null : Formats.millisAsSeconds(value);
    }
}
