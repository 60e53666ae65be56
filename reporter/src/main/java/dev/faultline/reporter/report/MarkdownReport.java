package dev.faultline.reporter.report;

import dev.faultline.common.verdict.BreakerTimeline;
import dev.faultline.common.verdict.BreakerTransition;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.DegradedAnswers;
import dev.faultline.common.verdict.FailureBreakdown;
import dev.faultline.common.verdict.IntegrityReport;
import dev.faultline.common.verdict.LoadRoute;
import dev.faultline.common.verdict.LoadSecond;
import dev.faultline.common.verdict.LoadSummary;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.Verdict;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
        degraded(md, verdict.timelines());
        load(md, verdict.load());
        breakers(md, verdict.breakers());
        objectives(md, verdict.slos());
        checks(md, verdict.checks());
        integrity(md, verdict);
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
        table(md, List.of("Target", "Probe", "Injected at", "Detected at", "Recovered at",
                "Target down / up / healthy (Docker)", "Time to detect",
                "Time to recover", "Availability", "Probes failed / total", "Failures by cause", "Resolution"));
        for (RecoveryTimeline t : verdict.timelines()) {
            // Detection and recovery exist only for a probe that failed; otherwise every column says the outcome.
            RecoveryTimeline.Recovery outcome = t.recovery();
            boolean failed = outcome.probeFailed();
            row(md, t.target().toString(),
                    t.probe(),
                    ReportFormat.instant(t.injectedAt(), ""),
                    failed ? ReportFormat.instant(t.detectedAt(), "") : outcome.words(),
                    failed ? ReportFormat.instant(t.recoveredAt(), outcome.words()) : outcome.words(),
                    platform(t),
                    failed ? ReportFormat.duration(t.timeToDetectMillis(), "") : outcome.words(),
                    failed ? ReportFormat.duration(t.timeToRecoverMillis(), outcome.words()) : outcome.words(),
                    ReportFormat.percent(t.availabilityPercent()),
                    t.probesFailed() + " / " + t.probesInWindow(),
                    t.failures() == null ? "not recorded" : t.failures().describe(),
                    ReportFormat.duration(t.resolutionMillis()));
        }
        md.append('\n');
    }

    /** The target's own instants from the platform's events, on the target host's clock; "not reported" without. */
    private static String platform(RecoveryTimeline t) {
        if (t.platformDownAt() == null) {
            return "not reported";
        }
        return ReportFormat.instant(t.platformDownAt(), "") + " / "
                + ReportFormat.instant(t.platformUpAt(), "not back") + " / "
                + ReportFormat.instant(t.platformHealthyAt(), "no health check");
    }

    /**
     * Successful answers that were not full service, per probe with {@code degraded:}; left out when no probe of the
     * run has it, so reports of other runs are unchanged.
     */
    private static void degraded(StringBuilder md, List<RecoveryTimeline> timelines) {
        List<RecoveryTimeline> judged = timelines.stream().filter(t -> t.degraded() != null).toList();
        if (judged.isEmpty()) {
            return;
        }
        md.append("## Degraded answers\n\n");
        md.append("Successful answers (they count as available) that were not full service: a JSON body that shrank"
                + " against the steady state's, or slower than the probe's bound.\n\n");
        table(md, List.of("Target", "Probe", "Degraded / total", "Shrunken body", "Slow", "First degraded at",
                "Last degraded at", "What shrank", "Full service", "Availability"));
        for (RecoveryTimeline t : judged) {
            DegradedAnswers d = t.degraded();
            row(md, t.target().toString(), t.probe(),
                    d.probesDegraded() + " / " + t.probesInWindow(),
                    Integer.toString(d.shrunk()),
                    d.slow() == 0 ? "0" : d.slow() + " (up to " + ReportFormat.duration(d.slowestMillis(), "") + ")",
                    ReportFormat.instant(d.firstDegradedAt(), "never degraded"),
                    ReportFormat.instant(d.lastDegradedAt(), "never degraded"),
                    d.shrinks().isEmpty() ? "—" : d.shrinks().stream().map(s -> s.describe() + " ×" + s.answers())
                            .collect(Collectors.joining(", ")),
                    ReportFormat.percent(d.fullServiceAvailabilityPercent()),
                    ReportFormat.percent(t.availabilityPercent()));
        }
        md.append('\n');
        judged.stream().map(t -> t.degraded().method()).distinct()
                .forEach(method -> md.append("Measured: ").append(oneLine(method)).append(".\n\n"));
    }

    private static void load(StringBuilder md, LoadSummary load) {
        if (load == null) {
            return;
        }
        md.append("## Load\n\n");
        md.append("Requests answered (or failed) from the first injection to the end of the window.\n\n");
        table(md, List.of("Route", "Requests", "Failed", "Error rate", "p50", "p95", "p99", "Statuses",
                "Failures by cause"));
        loadRow(md, "**all routes**", load.requests(), load.errors(), load.errorRatePercent(), load.p50Millis(),
                load.p95Millis(), load.p99Millis(), load.statuses(), load.failures());
        for (LoadRoute route : load.routes()) {
            loadRow(md, route.route(), route.requests(), route.errors(), route.errorRatePercent(), route.p50Millis(),
                    route.p95Millis(), route.p99Millis(), route.statuses(), route.failures());
        }
        md.append('\n');
        List<LoadSecond> failing = load.perSecond().stream().filter(s -> s.errors() > 0).toList();
        if (!failing.isEmpty()) {
            md.append("Seconds with failures (by send time):\n\n");
            table(md, List.of("Second", "Requests", "Failed", "Failures by cause", "p99"));
            for (LoadSecond second : failing) {
                row(md, ReportFormat.instant(second.second(), ""), Long.toString(second.requests()),
                        Long.toString(second.errors()),
                        second.failures() == null ? "not recorded" : second.failures().describe(),
                        second.p99Millis() == null ? "—" : ReportFormat.duration(second.p99Millis()));
            }
            md.append('\n');
        }
        md.append("Measured: ").append(oneLine(load.method())).append(".\n\n");
    }

    private static void loadRow(StringBuilder md, String route, long requests, long errors, double rate, Long p50,
            Long p95, Long p99, Map<Integer, Long> statuses, FailureBreakdown failures) {
        row(md, route, Long.toString(requests), Long.toString(errors), ReportFormat.percent(rate),
                latency(p50), latency(p95), latency(p99),
                statuses == null ? "not recorded" : statuses.entrySet().stream()
                        .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", ")),
                failures == null ? "not recorded" : failures.describe());
    }

    private static String latency(Long millis) {
        return millis == null ? "—" : ReportFormat.duration(millis);
    }

    /** Each breaker's changes: only present when the experiment followed breakers, so older reports are unchanged. */
    private static void breakers(StringBuilder md, List<BreakerTimeline> breakers) {
        if (breakers.isEmpty()) {
            return;
        }
        md.append("## Circuit breakers\n\n");
        for (BreakerTimeline b : breakers) {
            md.append("**").append(cell(b.breaker())).append("** (").append(b.library())
                    .append(b.discovered() ? ", discovered" : "").append("): `").append(cell(b.series()))
                    .append("` at ").append(cell(b.metricsUrl())).append(", ").append(b.pollsWithState())
                    .append(" of ").append(b.polls()).append(" polls had its series; resolution ")
                    .append(ReportFormat.duration(b.resolutionMillis())).append(".\n\n");
            if (b.transitions().isEmpty()) {
                md.append("Its series never appeared: nothing guarded that call, or the breaker was never created.\n\n");
                continue;
            }
            table(md, List.of("State", "First seen at", "Last poll before (old state)"));
            for (BreakerTransition t : b.transitions()) {
                row(md, t.state(), ReportFormat.instant(t.at(), ""),
                        ReportFormat.instant(t.previousPollAt(), "— (first state seen)"));
            }
            md.append('\n');
        }
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

    /**
     * Every resilience and integrity check with its outcome, passed ones too: a bulkhead that held is a result the
     * reader needs as much as one that failed. Left out when the experiment asked for none.
     */
    private static void checks(StringBuilder md, List<CheckResult> checks) {
        if (checks.isEmpty()) {
            return;
        }
        md.append("## Checks\n\n");
        table(md, List.of("Check", "Status", "What was seen", "How measured"));
        for (CheckResult check : checks) {
            row(md, check.name(), "**" + check.status() + "**", check.detail(), check.method());
        }
        md.append('\n');
    }

    /** How many ids a row of the integrity table lists before it only counts the rest. */
    static final int IDS_SHOWN = 50;

    /**
     * The acknowledged writes read back, with the ids that were lost, changed or duplicated: the ids are what an
     * engineer looks up in the system's own logs. Left out when the experiment did not ask for a read-back.
     */
    private static void integrity(StringBuilder md, RunVerdict verdict) {
        IntegrityReport integrity = verdict.integrity();
        CheckResult check = verdict.checks().stream().filter(c -> "data-integrity".equals(c.name())).findFirst()
                .orElse(null);
        if (integrity == null && check == null) {
            return;
        }
        md.append("## Data integrity\n\n");
        if (integrity == null) {
            md.append("Not measured: ").append(oneLine(check.detail())).append(" (").append(oneLine(check.method()))
                    .append(").\n\n");
            return;
        }
        table(md, List.of("Acknowledged writes", "Count", "Ids"));
        row(md, "Acknowledged", Integer.toString(integrity.acknowledged()), "");
        row(md, "Missing in the store (lost)", Integer.toString(integrity.missingInTable().size()),
                ids(integrity.missingInTable()));
        row(md, "Changed (content differs: lost, id reissued)", Integer.toString(integrity.changed().size()),
                ids(integrity.changed()));
        row(md, "Missing on the topic", Integer.toString(integrity.missingInTopic().size()),
                ids(integrity.missingInTopic()));
        row(md, "Duplicated on the topic", Integer.toString(integrity.duplicatedInTopic().size()),
                ids(integrity.duplicatedInTopic()));
        row(md, "RPO = 0", integrity.rpoZero() ? "yes" : "**no**", "");
        if (check != null) {
            row(md, "Check", "**" + check.status() + "**", "");
        }
        md.append('\n');
        if (!integrity.changes().isEmpty()) {
            md.append("What differed").append(integrity.changes().size() < integrity.changed().size()
                    ? " (first " + integrity.changes().size() + " of " + integrity.changed().size() + ")" : "")
                    .append(":\n\n");
            integrity.changes().forEach(c -> md.append("- ").append(oneLine(c)).append('\n'));
            md.append('\n');
        }
        md.append("Read back ").append(oneLine(integrity.method())).append(".\n\n");
    }

    private static String ids(List<String> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        String shown = ids.stream().limit(IDS_SHOWN).map(id -> "`" + id + "`").collect(Collectors.joining(", "));
        return ids.size() > IDS_SHOWN ? shown + " … and " + (ids.size() - IDS_SHOWN) + " more" : shown;
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
                        + " observation window. A probe belongs to the phase in which it was answered (or timed out):"
                        + " one sent just before the injection that fails after it counts for the fault, not against"
                        + " the steady state.\n")
                .append("- A probe or request *fails* when its status is not one the experiment counts as success"
                        + " (default 2xx and 3xx), when it gets no answer in time, or when its body or latency"
                        + " condition fails. *Failures by cause* counts them per status and per kind (timeout,"
                        + " refused, reset, other; body, latency, condition).\n");
        if (verdict.timelines().stream().anyMatch(t -> t.degraded() != null)) {
            md.append("- A *degraded* answer is a success (it counts for availability, not against it) whose JSON body"
                    + " lost a field or emptied an array that every successful steady-state answer had, or that was"
                    + " slower than the probe's `latencyAbove`. *Full service* is the share of probes that were"
                    + " neither failed nor degraded.\n");
        }
        if (!verdict.breakers().isEmpty()) {
            md.append("- *Circuit breakers* were read from their metrics endpoints at every poll; a change is shown"
                    + " at the first poll that showed the new state, so the library's own transition lies between"
                    + " the poll before and that instant (within one poll interval).\n");
        }
        if (verdict.timelines().stream().anyMatch(t -> t.platformDownAt() != null)) {
            md.append("- *Target down / up / healthy (Docker)* are the Docker engine's own event times for the"
                    + " target's container (die, start or restart, health check healthy), reported by its agent, on"
                    + " the target host's clock, to the nanosecond; the service's *recovered at* is what the probes"
                    + " saw.\n");
        }
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
