package dev.faultline.cli.progress;

import dev.faultline.cli.text.Formats;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two polls of a run, as the lines a pipe gets: a phase entered, a fault injected, failed or
 * reverted (with its instant), a probe's state changing (with its availability so far), a breach, the end. A poll
 * that changed nothing gives no line, so a log of a run is as long as its story, not as its duration.
 */
public final class ProgressChanges {

    private ProgressChanges() {
    }

    /** @param before the previous poll, null for the first one */
    public static List<String> between(RunSnapshot before, RunSnapshot after, ZoneId zone) {
        List<String> lines = new ArrayList<>();
        if (before == null) {
            lines.add("run " + after.runId() + " of experiment " + after.experiment() + ": " + after.faults().size()
                    + " fault(s) planned" + (after.injectAt() == null ? ""
                    : ", first injection at " + Formats.clock(after.injectAt(), zone)));
        }
        if (before == null || !Objects.equals(before.phase(), after.phase())) {
            lines.add("phase " + after.phase() + phaseDetail(after, zone));
        }
        Map<String, RunSnapshot.Fault> earlier = new HashMap<>();
        if (before != null) {
            before.faults().forEach(f -> earlier.put(f.faultId(), f));
        }
        for (RunSnapshot.Fault fault : after.faults()) {
            RunSnapshot.Fault was = earlier.get(fault.faultId());
            String name = "fault " + fault.faultId() + " (" + fault.type() + " on " + fault.target() + ")";
            if (fault.injectedAt() != null && (was == null || was.injectedAt() == null)) {
                lines.add(name + " injected at " + Formats.clockMillis(fault.injectedAt(), zone));
            }
            if (fault.failure() != null && (was == null || was.failure() == null)) {
                lines.add(name + " FAILED: " + fault.failure());
            }
            if (fault.revertedAt() != null && (was == null || was.revertedAt() == null)) {
                lines.add(name + " reverted at " + Formats.clockMillis(fault.revertedAt(), zone)
                        + (fault.revertCause() == null ? "" : " (" + fault.revertCause() + ")"));
            }
        }
        Map<String, RunSnapshot.Probe> probesBefore = new HashMap<>();
        if (before != null) {
            before.probes().forEach(p -> probesBefore.put(p.name(), p));
        }
        for (RunSnapshot.Probe probe : after.probes()) {
            RunSnapshot.Probe was = probesBefore.get(probe.name());
            String stateBefore = was == null ? "none" : was.state();
            if (!probe.state().equals(stateBefore)) {
                lines.add("probe " + probe.name() + " " + stateBefore + " -> " + probe.state() + probeDetail(probe));
            }
        }
        int breachesBefore = before == null ? 0 : before.breaches().size();
        for (int i = breachesBefore; i < after.breaches().size(); i++) {
            RunSnapshot.Breach breach = after.breaches().get(i);
            lines.add("SLO breached: " + breach.objective() + (breach.detail() == null ? "" : ": " + breach.detail()));
        }
        if (after.terminal() && (before == null || !before.terminal())) {
            lines.add(switch (after.state()) {
                case "COMPLETED" -> "run completed: verdict " + after.verdictName();
                default -> "run aborted" + (after.abortReason() == null ? "" : ": " + after.abortReason());
            });
        }
        return lines;
    }

    private static String phaseDetail(RunSnapshot run, ZoneId zone) {
        return switch (run.phase()) {
            case RunSnapshot.WARM_UP -> run.injectAt() == null ? ""
                    : " (the steady state is checked until " + Formats.clock(run.injectAt(), zone) + ")";
            case RunSnapshot.FAULTS, RunSnapshot.OBSERVING -> run.observeUntil() == null ? ""
                    : " (observed until " + Formats.clock(run.observeUntil(), zone) + ")";
            case RunSnapshot.JUDGING -> " (the observation window closed; waiting for the verdict)";
            default -> "";
        };
    }

    static String probeDetail(RunSnapshot.Probe probe) {
        StringBuilder detail = new StringBuilder();
        if (probe.availabilityPercent() != null) {
            detail.append("availability ").append(Formats.percent(probe.availabilityPercent())).append(", ");
        }
        detail.append(probe.failed()).append(" of ").append(probe.samples()).append(" samples failed");
        if (probe.lastError() != null && !"ok".equals(probe.state())) {
            detail.append("; ").append(probe.lastError());
        }
        return " (" + detail + ")";
    }
}
