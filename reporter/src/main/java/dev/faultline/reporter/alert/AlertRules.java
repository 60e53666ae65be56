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
import dev.faultline.reporter.report.ReportFormat;
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
 * the kinds that are switched on: those its schedule named (on run-started, or on the run-skipped itself), else the
 * reporter's {@code faultline.alerts.on}. An aborted run alerts once, as {@code abort} (or {@code halt}): its FAIL
 * verdict, which an abort always gets, raises nothing more. Pure: what the reporter knows of a run (its experiment,
 * its schedule's kinds, whether it was aborted) is looked up by the caller's function.
 */
public final class AlertRules {

    /** The prefix of the reason of a run aborted by a halt (RunCoordinator.halt). */
    static final String HALTED_PREFIX = "halted";
    /** Findings quoted in an alert at most: the report has them all. */
    static final int MAX_FINDINGS = 3;
    /**
     * How the observer's verdict of an aborted run begins one of its findings (VerdictJudge, MissedObservation): it
     * tells an abort even when the verdict overtakes the run-aborted on its way to this reporter.
     */
    static final String ABORTED_FINDING = "run aborted: ";

    private final EnumSet<AlertKind> enabled;
    private final URI reportBaseUrl;

    public AlertRules(Set<AlertKind> enabled, URI reportBaseUrl) {
        this.enabled = EnumSet.noneOf(AlertKind.class);
        this.enabled.addAll(enabled);
        this.reportBaseUrl = Objects.requireNonNull(reportBaseUrl, "reportBaseUrl");
    }

    /** The reporter's own kinds ({@code faultline.alerts.on}): those of every run that names none. */
    public Set<AlertKind> enabled() {
        return EnumSet.copyOf(enabled);
    }

    /** The kinds a schedule named ({@code alertOn}), or the reporter's own when it named none (null). */
    public Set<AlertKind> enabled(List<String> alertOn) {
        if (alertOn == null) {
            return enabled();
        }
        EnumSet<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
        alertOn.stream().map(AlertKind::parse).forEach(kinds::add);
        return kinds;
    }

    /** The alert of a FAIL verdict of a run the reporter knows nothing more of. */
    public Optional<Alert> forVerdict(RunVerdict verdict) {
        return forVerdict(verdict, RunFacts.UNKNOWN);
    }

    /**
     * The alert of a FAIL verdict; none for a PASS, when {@code fail} is off for the run, or when the run was aborted
     * (its abort alerted already, or was switched off on purpose).
     */
    public Optional<Alert> forVerdict(RunVerdict verdict, RunFacts run) {
        if (verdict.verdict() != Verdict.FAIL || !enabled(run.alertOn()).contains(AlertKind.FAIL)
                || run.aborted() || verdict.findings().stream().anyMatch(f -> f.startsWith(ABORTED_FINDING))) {
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
        // The report's own words: they say why a FAIL whose objectives and checks all passed scores 0.
        figures.add("resilience " + ReportFormat.score(score));
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
     * @param runs what the reporter knows of a run, by its id (asked only of a run-aborted)
     */
    public Optional<Alert> forEvent(ChaosEvent event, Function<String, RunFacts> runs) {
        if (event instanceof RunAborted aborted) {
            AlertKind kind = isHalt(aborted) ? AlertKind.HALT : AlertKind.ABORT;
            RunFacts run = runs.apply(aborted.runId());
            if (!enabled(run.alertOn()).contains(kind)) {
                return Optional.empty();
            }
            String experiment = run.experiment();
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
            if (!enabled(skipped.alertOn()).contains(AlertKind.SKIPPED)) {
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
        String threshold = ReportFormat.quantity(slo.threshold(), slo.unit(), "?");
        if (slo.status() == SloStatus.NO_DATA) {
            return slo.objective() + ": no data (threshold " + threshold + ")";
        }
        return slo.objective() + ": measured " + ReportFormat.quantity(slo.measured(), slo.unit(), "?")
                + " vs threshold " + threshold;
    }

    /** The longest time to recover of the timelines that recovered; null when none did (or there is none). */
    static Long longestTimeToRecover(List<RecoveryTimeline> timelines) {
        return timelines.stream().filter(t -> t.recovery() == RecoveryTimeline.Recovery.RECOVERED
                        && t.timeToRecoverMillis() != null)
                .map(RecoveryTimeline::timeToRecoverMillis).max(Long::compare).orElse(null);
    }

    private static String recoveryFigure(List<RecoveryTimeline> timelines, Long longest) {
        if (timelines.isEmpty()) {
            return "time to recover: not measured (no fault took effect)";
        }
        // A probe that never failed has nothing to recover from: it is neither unrecovered nor the longest.
        long unrecovered = count(timelines, RecoveryTimeline.Recovery.NOT_RECOVERED)
                + count(timelines, RecoveryTimeline.Recovery.NOT_MEASURED);
        long neverFailed = count(timelines, RecoveryTimeline.Recovery.NEVER_FAILED);
        String calm = neverFailed == 0 ? "" : "; " + neverFailed + " never failed";
        if (unrecovered > 0) {
            return "time to recover: " + unrecovered + " of " + timelines.size()
                    + " probes had not recovered when the window closed"
                    + (longest == null ? "" : "; the others that failed within " + longest + " ms") + calm;
        }
        if (longest == null) {
            return "time to recover: no probe failed (" + timelines.size() + " watched)";
        }
        return "time to recover: " + longest + " ms (the longest of those that failed, resolution "
                + timelines.get(0).resolutionMillis() + " ms" + calm + ")";
    }

    private static long count(List<RecoveryTimeline> timelines, RecoveryTimeline.Recovery outcome) {
        return timelines.stream().filter(t -> t.recovery() == outcome).count();
    }
}
