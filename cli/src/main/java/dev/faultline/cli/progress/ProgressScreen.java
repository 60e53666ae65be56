package dev.faultline.cli.progress;

import dev.faultline.cli.text.Formats;
import dev.faultline.cli.text.TextTable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The one screen a terminal shows while a run goes on, redrawn in place at every poll: the phase with its clock,
 * every fault with its injection and revert instants, every probe's live state and availability so far, the
 * breaches. Pure: the lines of a snapshot at an instant; {@link ProgressDisplay} moves the cursor.
 */
public final class ProgressScreen {

    private ProgressScreen() {
    }

    public static List<String> render(RunSnapshot run, Instant now, ZoneId zone) {
        List<String> lines = new ArrayList<>();
        lines.add("Run " + run.runId() + "  experiment " + run.experiment());
        lines.add("Phase " + run.phase() + clockOf(run, now));
        lines.add("");
        TextTable faults = new TextTable("fault", "type", "target", "injected", "reverted", "note");
        for (RunSnapshot.Fault f : run.faults()) {
            faults.row(f.faultId(), f.type(), f.target(), Formats.clockMillis(f.injectedAt(), zone),
                    Formats.clockMillis(f.revertedAt(), zone),
                    f.failure() != null ? "FAILED: " + f.failure() : f.revertCause());
        }
        lines.addAll(faults.lines("  "));
        lines.add("");
        if (!run.liveProbes()) {
            lines.add("  probes: this orchestrator sends no live probe states (older than run progress)");
        } else if (run.probes().isEmpty()) {
            lines.add("  probes: no sample yet");
        } else {
            TextTable probes = new TextTable("probe", "state", "availability", "samples", "failed", "last error");
            for (RunSnapshot.Probe p : run.probes()) {
                probes.row(p.name(), p.state(), Formats.percent(p.availabilityPercent()), p.samples(), p.failed(),
                        "ok".equals(p.state()) ? null : p.lastError());
            }
            lines.addAll(probes.lines("  "));
        }
        lines.add("");
        if (run.breaches().isEmpty()) {
            lines.add("  breaches: none so far");
        } else {
            for (RunSnapshot.Breach b : run.breaches()) {
                lines.add("  BREACH " + Formats.clock(b.at(), zone) + " " + b.objective()
                        + (b.detail() == null ? "" : ": " + b.detail()));
            }
        }
        return lines;
    }

    private static String clockOf(RunSnapshot run, Instant now) {
        return switch (run.phase()) {
            case RunSnapshot.WARM_UP -> run.injectAt() == null ? ""
                    : "  (first fault in " + Formats.seconds(Duration.between(now, run.injectAt())) + ")";
            case RunSnapshot.FAULTS, RunSnapshot.OBSERVING -> run.observeUntil() == null ? ""
                    : "  (" + Formats.seconds(Duration.between(now, run.observeUntil())) + " of observation left)";
            case RunSnapshot.JUDGING -> "  (waiting for the observer's verdict)";
            default -> "";
        };
    }
}
