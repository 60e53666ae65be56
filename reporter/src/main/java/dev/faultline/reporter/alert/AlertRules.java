package dev.faultline.reporter.alert;

import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.event.RunSkipped;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.ResilienceScore;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.common.verdict.Verdict;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which messages raise an alert, and the alert each one raises: a FAIL verdict, a run-aborted (a halt when its
 * reason says the run was halted: RunCoordinator writes {@code halted by <operator>: <reason>}), a run-skipped; only
 * the kinds that are switched on ({@code faultline.alerts.on}). Pure: the experiment of an aborted run, which the
 * event does not carry, is looked up by the caller's function.
 */
public final class AlertRules {

    /** The prefix of the reason of a run aborted by a halt (RunCoordinator.halt). */
    static final String HALTED_PREFIX = "halted";
    /** Findings quoted in an alert at most: the report has them all. */
    static final int MAX_FINDINGS = 3;

    private final EnumSet<AlertKind> enabled;
    private final URI reportBaseUrl;

    public AlertRules(Set<AlertKind> enabled, URI reportBaseUrl) {
        this.enabled = EnumSet.noneOf(AlertKind.class);
        this.enabled.addAll(enabled);
        this.reportBaseUrl = Objects.requireNonNull(reportBaseUrl, "reportBaseUrl");
    }

    public Set<AlertKind> enabled() {
        return EnumSet.copyOf(enabled);
    }

    /** The alert of a FAIL verdict; none for a PASS or when {@code fail} is off. */
    public Optional<Alert> forVerdict(RunVerdict verdict) {
        if (verdict.verdict() != Verdict.FAIL || !enabled.contains(AlertKind.FAIL)) {
            return Optional.empty();
        }
        ResilienceScore score = ResilienceScore.of(verdict);
        Long timeToRecover = longestTimeToRecover(verdict.timelines());
        List<String> figures = new ArrayList<>();
        for (SloResult slo : verdict.slos()) {
            if (!slo.passed()) {
                figures.add(objectiveFigure(slo));
            }
        }
        for (CheckResult check : verdict.checks()) {
            if (!check.passed()) {
                figures.add("check " + check.name() + ": " + check.status() + ", " + check.detail());
            }
        }
        figures.add("resilience score: " + score.score() + "/100 (" + (score.objectivesMet() + score.checksMet())
                + " of " + (score.objectives() + score.checks()) + " objectives and checks met)");
        figures.add(recoveryFigure(verdict.timelines(), timeToRecover));
        verdict.findings().stream().limit(MAX_FINDINGS).forEach(f -> figures.add("finding: " + f));
        return Optional.of(new Alert(Alert.idOf(AlertKind.FAIL, verdict.runId()), AlertKind.FAIL,
                verdict.experimentName(), verdict.runId(), null, null, Verdict.FAIL.name(),
                "run " + verdict.runId() + " of " + verdict.experimentName() + ": FAIL", figures, score.score(),
                timeToRecover, reportUrl(verdict.runId()), verdict.timestamp()));
    }

    /**
     * The alert of a run-aborted (abort or halt) or a run-skipped; none for other events or kinds that are off.
     *
     * @param experimentOfRun the experiment's name of a run, when the reporter knows it
     */
    public Optional<Alert> forEvent(ChaosEvent event, Function<String, Optional<String>> experimentOfRun) {
        if (event instanceof RunAborted aborted) {
            AlertKind kind = isHalt(aborted) ? AlertKind.HALT : AlertKind.ABORT;
            if (!enabled.contains(kind)) {
                return Optional.empty();
            }
            String experiment = experimentOfRun.apply(aborted.runId()).orElse(null);
            List<String> figures = new ArrayList<>();
            figures.add("reason: " + aborted.reason());
            if (aborted.operator() != null && !aborted.operator().isBlank()) {
                figures.add("by: " + aborted.operator());
            }
            String what = kind == AlertKind.HALT ? "halted" : "aborted";
            String headline = "run " + aborted.runId() + (experiment == null ? "" : " of " + experiment) + ": "
                    + what;
            return Optional.of(new Alert(Alert.idOf(kind, aborted.runId()), kind, experiment, aborted.runId(), null,
                    null, null, headline, figures, null, null, reportUrl(aborted.runId()), aborted.timestamp()));
        }
        if (event instanceof RunSkipped skipped) {
            if (!enabled.contains(AlertKind.SKIPPED)) {
                return Optional.empty();
            }
            List<String> figures = List.of("reason: " + skipped.reasonCode() + ", " + skipped.reason(),
                    "occurrence: " + skipped.occurrence());
            return Optional.of(new Alert(Alert.idOf(skipped.scheduleId(), skipped.occurrence()), AlertKind.SKIPPED,
                    skipped.experiment(), null, skipped.scheduleId(), skipped.occurrence(), null,
                    "schedule " + skipped.scheduleId() + " of " + skipped.experiment() + ": occurrence skipped ("
                            + skipped.reasonCode() + ")",
                    figures, null, null, null, skipped.timestamp()));
        }
        return Optional.empty();
    }

    static boolean isHalt(RunAborted aborted) {
        return aborted.reason().regionMatches(true, 0, HALTED_PREFIX, 0, HALTED_PREFIX.length());
    }

    /** The reporter's {@code GET /api/v1/reports/{runId}?format=html} under the configured base URL. */
    URI reportUrl(String runId) {
        String base = reportBaseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/api/v1/reports/" + URLEncoder.encode(runId, StandardCharsets.UTF_8)
                + "?format=html");
    }

    static String objectiveFigure(SloResult slo) {
        String threshold = number(slo.threshold()) + " " + slo.unit();
        if (slo.status() == SloStatus.NO_DATA) {
            return slo.objective() + ": no data (threshold " + threshold + ")";
        }
        return slo.objective() + ": measured " + number(slo.measured()) + " " + slo.unit() + " vs threshold "
                + threshold;
    }

    /** The longest time to recover of the timelines that recovered; null when none did (or there is none). */
    static Long longestTimeToRecover(List<RecoveryTimeline> timelines) {
        return timelines.stream().filter(t -> t.recoveredAt() != null && t.timeToRecoverMillis() != null)
                .map(RecoveryTimeline::timeToRecoverMillis).max(Long::compare).orElse(null);
    }

    private static String recoveryFigure(List<RecoveryTimeline> timelines, Long longest) {
        if (timelines.isEmpty()) {
            return "time to recover: not measured (no fault took effect)";
        }
        long unrecovered = timelines.stream().filter(t -> t.recoveredAt() == null).count();
        if (unrecovered > 0) {
            return "time to recover: " + unrecovered + " of " + timelines.size()
                    + " probes had not recovered when the window closed"
                    + (longest == null ? "" : "; the others within " + longest + " ms");
        }
        return "time to recover: " + longest + " ms (longest of " + timelines.size() + ", resolution "
                + timelines.get(0).resolutionMillis() + " ms)";
    }

    /** 87.5 as {@code 87.5}, 30000.0 as {@code 30000}: no trailing zeros, no exponent. */
    static String number(Double value) {
        if (value == null) {
            return "?";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
