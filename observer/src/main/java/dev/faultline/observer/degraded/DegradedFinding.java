package dev.faultline.observer.degraded;

import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Probe;
import dev.faultline.common.validation.DurationText;
import dev.faultline.common.verdict.DegradedAnswers;
import dev.faultline.common.verdict.RecoveryTimeline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Findings that say what the degraded answers were: which probe answered which status with what shrunk, how often,
 * between which instants. Degraded answers are successes, so these findings are notes: they do not change the
 * verdict.
 */
public final class DegradedFinding {

    private DegradedFinding() {
    }

    public static List<String> find(List<Probe> probes, List<RecoveryTimeline> timelines) {
        List<String> findings = new ArrayList<>();
        Set<String> notCompared = new HashSet<>();
        for (RecoveryTimeline timeline : timelines) {
            DegradedAnswers answers = timeline.degraded();
            HttpProbe probe = httpProbe(probes, timeline.probe());
            if (answers == null || probe == null) {
                continue;
            }
            if (probe.degraded().shape() && answers.baselineAnswers() == 0 && notCompared.add(probe.name())) {
                findings.add("degraded answers: probe " + probe.name() + ": body shape not compared, no successful"
                        + " answer with a JSON body before the injection to learn the steady state's from");
            }
            if (answers.any()) {
                findings.add(describe(probe, timeline, answers));
            }
        }
        return findings;
    }

    /**
     * {@code degraded answers: probe summary (GET http://…/api/summary) answered 200 with a shrunken body 41 times
     * (field `recommendations` emptied ×41) from T1 to T2, after fault f1 on orders@agent-1; full service 59.0% of
     * 100 probes (availability 100.0%)}.
     */
    static String describe(HttpProbe probe, RecoveryTimeline timeline, DegradedAnswers answers) {
        List<String> what = new ArrayList<>();
        if (answers.shrunk() > 0) {
            what.add("with a shrunken body " + times(answers.shrunk()) + " (" + answers.shrinks().stream()
                    .map(s -> s.describe() + " ×" + s.answers()).collect(Collectors.joining(", ")) + ")");
        }
        if (answers.slow() > 0) {
            what.add("slower than " + DurationText.format(probe.degraded().latencyAbove()) + " "
                    + times(answers.slow()) + " (up to " + answers.slowestMillis() + " ms)");
        }
        String statuses = answers.statuses().keySet().stream().map(String::valueOf).collect(Collectors.joining("/"));
        String span = answers.firstDegradedAt().equals(answers.lastDegradedAt())
                ? "at " + answers.firstDegradedAt()
                : "from " + answers.firstDegradedAt() + " to " + answers.lastDegradedAt();
        return "degraded answers: probe " + probe.name() + " (GET " + probe.url() + ") answered "
                + (statuses.isEmpty() ? "successfully" : statuses) + " " + String.join(" and ", what) + " " + span
                + ", after fault " + timeline.faultId() + " on " + timeline.target() + "; full service "
                + percent(answers.fullServiceAvailabilityPercent()) + " of " + timeline.probesInWindow()
                + " probes (availability " + percent(timeline.availabilityPercent()) + ")";
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    private static HttpProbe httpProbe(List<Probe> probes, String name) {
        return probes.stream()
                .filter(p -> p.name().equals(name) && p instanceof HttpProbe http && http.degraded() != null)
                .map(HttpProbe.class::cast)
                .findFirst().orElse(null);
    }
}
