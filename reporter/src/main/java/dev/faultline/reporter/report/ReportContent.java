package dev.faultline.reporter.report;

import static dev.faultline.reporter.report.ReportText.code;
import static dev.faultline.reporter.report.ReportText.emphasis;
import static dev.faultline.reporter.report.ReportText.plain;
import static dev.faultline.reporter.report.ReportText.strong;

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
import dev.faultline.common.verdict.ResilienceScore;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.ScalingReport;
import dev.faultline.common.verdict.ServiceCount;
import dev.faultline.common.verdict.ServiceMark;
import dev.faultline.common.verdict.ServiceRecovery;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a run's report says, in sections of paragraphs, tables and lists: the one place that decides it, so that
 * {@code report.md} ({@link MarkdownReport}) and {@code report.html} ({@link HtmlReport}) cannot disagree. Every
 * number says its unit, and the last section says how the numbers were measured and how precise they are.
 *
 * @param title the report's heading
 * @param lead  one sentence under it that says what the verdict means
 */
public record ReportContent(String title, ReportText lead, List<ReportSection> sections) {

    /** How many ids a row of the integrity table lists before it only counts the rest. */
    static final int IDS_SHOWN = 50;

    public ReportContent {
        sections = List.copyOf(sections);
    }

    public static ReportContent of(RunReport report) {
        RunVerdict verdict = report.verdict();
        List<ReportSection> sections = new ArrayList<>();
        sections.add(summary(report));
        sections.add(recovery(verdict));
        add(sections, services(verdict.services()));
        add(sections, degraded(verdict.timelines()));
        add(sections, load(verdict.load()));
        add(sections, breakers(verdict.breakers()));
        add(sections, scaling(verdict.scaling()));
        sections.add(objectives(verdict.slos()));
        add(sections, checks(verdict.checks()));
        add(sections, integrity(verdict));
        sections.add(findings(verdict.findings()));
        sections.add(events(report));
        sections.add(method(verdict));
        return new ReportContent("Chaos run report: " + verdict.experimentName() + " — " + verdict.verdict(),
                verdict.verdict() == Verdict.PASS
                        ? plain("The system met every objective while the faults were active.")
                        : plain("The system did ").strongly("not")
                                .then(" meet its objectives; the findings below say why."),
                sections);
    }

    private static void add(List<ReportSection> sections, ReportSection section) {
        if (section != null) {
            sections.add(section);
        }
    }

    private static ReportSection summary(RunReport report) {
        RunVerdict verdict = report.verdict();
        Rows rows = new Rows("Run", "");
        rows.add(plain("Run id"), code(report.runId()));
        rows.add("Experiment", verdict.experimentName());
        rows.add("Started", report.startedAt().map(t -> ReportFormat.instant(t, "")).orElse("not recorded"));
        rows.add("Finished", report.finishedAt().map(t -> ReportFormat.instant(t, "")).orElse("not recorded"));
        report.aborted().ifPresent(a -> rows.add("Aborted",
                a.reason() + (a.operator() == null ? "" : " (by " + a.operator() + ")")));
        rows.add(plain("Verdict"), strong(verdict.verdict().toString()));
        rows.add("Resilience score", ReportFormat.score(ResilienceScore.of(verdict)) + ", docs/verdict.md");
        rows.add("Probe interval (resolution)", ReportFormat.duration(verdict.probeIntervalMillis()));
        return new ReportSection("summary", "Summary", List.of(rows.table()));
    }

    private static ReportSection recovery(RunVerdict verdict) {
        if (verdict.timelines().isEmpty()) {
            return new ReportSection("recovery", "Recovery", List.of(new ReportBlock.Paragraph(
                    plain("No recovery timeline: no fault took effect, so there was nothing to measure."))));
        }
        Rows rows = new Rows("Target", "Probe", "Injected at", "Detected at", "Recovered at",
                "Target down / up / healthy (Docker)", "Time to detect",
                "Time to recover", "Availability", "Probes failed / total", "Failures by cause", "Resolution");
        for (RecoveryTimeline t : verdict.timelines()) {
            // Detection and recovery exist only for a probe that failed; otherwise every column says the outcome.
            RecoveryTimeline.Recovery outcome = t.recovery();
            boolean failed = outcome.probeFailed();
            rows.add(t.target().toString(),
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
                    resolution(t));
        }
        return new ReportSection("recovery", "Recovery", List.of(rows.table()));
    }

    /**
     * The probe interval, and each transition's own resolution when it differs (adaptive probing):
     * {@code 100ms (detected ±8ms, recovered ±10ms)}.
     */
    private static String resolution(RecoveryTimeline t) {
        String interval = ReportFormat.duration(t.resolutionMillis());
        List<String> own = new ArrayList<>();
        if (t.detectedAt() != null && t.detectionResolutionMillis() != null
                && t.detectionResolutionMillis() != t.resolutionMillis()) {
            own.add("detected ±" + ReportFormat.duration(t.detectionResolutionMillis()));
        }
        if (t.recovered() && t.recoveryResolutionMillis() != null
                && t.recoveryResolutionMillis() != t.resolutionMillis()) {
            own.add("recovered ±" + ReportFormat.duration(t.recoveryResolutionMillis()));
        }
        return own.isEmpty() ? interval : interval + " (" + String.join(", ", own) + ")";
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
     * Each targeted service's own recovery: when a replacement started and passed its health check, and when the
     * service was back at its desired healthy count (the service RTO), each instant with how it was known; then its
     * counts over the run. Left out when no fault targets a service.
     */
    private static ReportSection services(List<ServiceRecovery> services) {
        if (services.isEmpty()) {
            return null;
        }
        List<ReportBlock> blocks = new ArrayList<>();
        Rows rows = new Rows("Service", "Desired", "Replicas hit", "Injected at", "Replacement started",
                "Replacement healthy", "Back to desired", "Service RTO", "Fewest healthy", "Sampled every");
        for (ServiceRecovery s : services) {
            rows.add(s.service().describe(),
                    s.desired() + " (" + s.desiredFrom() + ")",
                    Integer.toString(s.replicasHit()),
                    ReportFormat.instant(s.injectedAt(), "no fault hit it"),
                    mark(s, s.replacementStarted(), "none started"),
                    mark(s, s.replacementHealthy(), "none healthy"),
                    mark(s, s.backToDesired(), s.injectedAt() == null ? "—" : "not back"),
                    ReportFormat.duration(s.serviceRtoMillis(), s.injectedAt() == null ? "—" : "not back"),
                    s.minHealthy() == null ? "—" : Integer.toString(s.minHealthy()),
                    ReportFormat.duration(s.intervalMillis()));
        }
        blocks.add(rows.table());
        for (ServiceRecovery s : services) {
            if (s.counts().isEmpty()) {
                continue;
            }
            blocks.add(new ReportBlock.Paragraph(strong(s.service().describe())
                    .then(": healthy / running / desired replicas, one row per change (sampled every "
                            + ReportFormat.duration(s.intervalMillis()) + ").")));
            Rows counts = new Rows("From", "Healthy", "Running", "Desired");
            for (ServiceCount c : s.counts()) {
                counts.add(ReportFormat.instant(c.at(), ""), Integer.toString(c.healthy()),
                        Integer.toString(c.running()), Integer.toString(c.desired()));
            }
            blocks.add(counts.table());
        }
        return new ReportSection("services", "Services", blocks);
    }

    /** A service's instant, its offset from the injection and how it was known. */
    private static String mark(ServiceRecovery s, ServiceMark mark, String absent) {
        if (mark == null) {
            return absent;
        }
        String offset = s.injectedAt() == null ? ""
                : " (+" + ReportFormat.duration(java.time.Duration.between(s.injectedAt(), mark.at()).toMillis())
                        + ")";
        String how = mark.resolutionMillis() == 0 ? "Docker, " + mark.source()
                : "sample, ±" + ReportFormat.duration(mark.resolutionMillis());
        return ReportFormat.instant(mark.at(), "") + offset + " [" + how + "]";
    }

    /**
     * Successful answers that were not full service, per probe with {@code degraded:}; left out when no probe of the
     * run has it, so reports of other runs are unchanged.
     */
    private static ReportSection degraded(List<RecoveryTimeline> timelines) {
        List<RecoveryTimeline> judged = timelines.stream().filter(t -> t.degraded() != null).toList();
        if (judged.isEmpty()) {
            return null;
        }
        List<ReportBlock> blocks = new ArrayList<>();
        blocks.add(new ReportBlock.Paragraph(plain("Successful answers (they count as available) that were not"
                + " full service: a JSON body that shrank against the steady state's, or slower than the probe's"
                + " bound.")));
        Rows rows = new Rows("Target", "Probe", "Degraded / total", "Shrunken body", "Slow", "First degraded at",
                "Last degraded at", "What shrank", "Full service", "Availability");
        for (RecoveryTimeline t : judged) {
            DegradedAnswers d = t.degraded();
            rows.add(t.target().toString(), t.probe(),
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
        blocks.add(rows.table());
        judged.stream().map(t -> t.degraded().method()).distinct()
                .forEach(method -> blocks.add(new ReportBlock.Paragraph(plain("Measured: " + method + "."))));
        return new ReportSection("degraded", "Degraded answers", blocks);
    }

    private static ReportSection load(LoadSummary load) {
        if (load == null) {
            return null;
        }
        List<ReportBlock> blocks = new ArrayList<>();
        blocks.add(new ReportBlock.Paragraph(
                plain("Requests answered (or failed) from the first injection to the end of the window.")));
        Rows rows = new Rows("Route", "Requests", "Failed", "Error rate", "p50", "p95", "p99", "Statuses",
                "Failures by cause");
        rows.add(loadRow(strong("all routes"), load.requests(), load.errors(), load.errorRatePercent(),
                load.p50Millis(), load.p95Millis(), load.p99Millis(), load.statuses(), load.failures()));
        for (LoadRoute route : load.routes()) {
            rows.add(loadRow(plain(route.route()), route.requests(), route.errors(), route.errorRatePercent(),
                    route.p50Millis(), route.p95Millis(), route.p99Millis(), route.statuses(), route.failures()));
        }
        blocks.add(rows.table());
        List<LoadSecond> failing = load.perSecond().stream().filter(s -> s.errors() > 0).toList();
        if (!failing.isEmpty()) {
            blocks.add(new ReportBlock.Paragraph(plain("Seconds with failures (by send time):")));
            Rows seconds = new Rows("Second", "Requests", "Failed", "Failures by cause", "p99");
            for (LoadSecond second : failing) {
                seconds.add(ReportFormat.instant(second.second(), ""), Long.toString(second.requests()),
                        Long.toString(second.errors()),
                        second.failures() == null ? "not recorded" : second.failures().describe(),
                        latency(second.p99Millis()));
            }
            blocks.add(seconds.table());
        }
        blocks.add(new ReportBlock.Paragraph(plain("Measured: " + load.method() + ".")));
        return new ReportSection("load", "Load", blocks);
    }

    private static List<ReportText> loadRow(ReportText route, long requests, long errors, double rate, Long p50,
            Long p95, Long p99, Map<Integer, Long> statuses, FailureBreakdown failures) {
        return List.of(route, plain(Long.toString(requests)), plain(Long.toString(errors)),
                plain(ReportFormat.percent(rate)), plain(latency(p50)), plain(latency(p95)), plain(latency(p99)),
                plain(statuses == null ? "not recorded" : statuses.entrySet().stream()
                        .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "))),
                plain(failures == null ? "not recorded" : failures.describe()));
    }

    private static String latency(Long millis) {
        return millis == null ? "—" : ReportFormat.duration(millis);
    }

    /** Each breaker's changes: only present when the experiment followed breakers, so older reports are unchanged. */
    private static ReportSection breakers(List<BreakerTimeline> breakers) {
        if (breakers.isEmpty()) {
            return null;
        }
        List<ReportBlock> blocks = new ArrayList<>();
        for (BreakerTimeline b : breakers) {
            blocks.add(new ReportBlock.Paragraph(strong(b.breaker())
                    .then(" (" + b.library() + (b.discovered() ? ", discovered" : "") + "): ").coded(b.series())
                    .then(" at " + b.metricsUrl() + ", " + b.pollsWithState() + " of " + b.polls()
                            + " polls had its series; resolution " + ReportFormat.duration(b.resolutionMillis())
                            + ".")));
            if (b.transitions().isEmpty()) {
                blocks.add(new ReportBlock.Paragraph(plain(
                        "Its series never appeared: nothing guarded that call, or the breaker was never created.")));
                continue;
            }
            Rows rows = new Rows("State", "First seen at", "Last poll before (old state)");
            for (BreakerTransition t : b.transitions()) {
                rows.add(t.state(), ReportFormat.instant(t.at(), ""),
                        ReportFormat.instant(t.previousPollAt(), "— (first state seen)"));
            }
            blocks.add(rows.table());
        }
        return new ReportSection("breakers", "Circuit breakers", blocks);
    }

    /**
     * How the service scaled: the scale-out in one paragraph, the counts over time, the scale events with their
     * cause, each new replica's cold start and the request share per server. Only for experiments with a
     * {@code scaling:} section.
     */
    private static ReportSection scaling(ScalingReport scaling) {
        if (scaling == null) {
            return null;
        }
        List<ReportBlock> blocks = new ArrayList<>();
        ReportText lead = plain("Trigger: " + scaling.trigger() + ", at "
                + ReportFormat.instant(scaling.triggerAt(), "— (it did not happen)") + ". ");
        if (scaling.triggerAt() != null && scaling.scaleOutStartedMillis() == null) {
            lead = lead.strongly("No scale-out").then(" followed: " + scaling.fromReplicas()
                    + " healthy replica(s) at the trigger.");
        } else if (scaling.scaleOutStartedMillis() != null) {
            lead = lead.then("Scale-out ").strongly(scaling.fromReplicas() + " → " + scaling.toReplicas())
                    .then(" began " + ReportFormat.duration(scaling.scaleOutStartedMillis()) + " after the trigger; ");
            lead = scaling.scaleOutMillis() == null ? lead.then("its replicas were never all healthy.")
                    : lead.then("all healthy ").strongly(ReportFormat.duration(scaling.scaleOutMillis()))
                            .then(" after the trigger (scale-out time).");
        }
        if (scaling.scaleOuts() != null && scaling.scaleOuts() > 1) {
            lead = lead.then(" ").strongly(scaling.scaleOuts() + " scale-outs").then(" after the trigger (a cascade:"
                    + " each with its cause in the scale events).");
        }
        if (scaling.scaleInStartedMillis() != null) {
            lead = lead.then(" Scale-in to ").strongly(String.valueOf(scaling.scaleInToReplicas()))
                    .then(" began " + ReportFormat.duration(scaling.scaleInStartedMillis()) + " after the trigger"
                            + (scaling.scaleInMillis() == null ? ", not finished by the end"
                                    : ", done " + ReportFormat.duration(scaling.scaleInMillis()) + " after it")
                            + "; during it fewest healthy replicas " + scaling.minHealthyDuringScaleIn()
                            + (scaling.scaleInP99Millis() == null ? ""
                                    : ", load test p99 " + scaling.scaleInP99Millis() + " ms, "
                                            + scaling.scaleInErrors() + " of " + scaling.scaleInRequests()
                                            + " requests failed")
                            + ".");
        }
        if (scaling.minHealthy() != null) {
            lead = lead.then(" Fewest healthy replicas: " + scaling.minHealthy() + " (at "
                    + ReportFormat.instant(scaling.minHealthyAt(), "") + ").");
        }
        blocks.add(new ReportBlock.Paragraph(lead));

        Rows counts = new Rows("From", "Running", "Healthy", "Desired", "In the load balancer");
        for (ScalingReport.Point p : scaling.points()) {
            counts.add(ReportFormat.instant(p.at(), ""), Integer.toString(p.running()), Integer.toString(p.healthy()),
                    p.desired() == null ? "—" : p.desired().toString(),
                    p.inLoadBalancer() == null ? "—" : p.inLoadBalancer().toString());
        }
        blocks.add(new ReportBlock.Paragraph(strong("Replica counts").then(" (after every change):")));
        blocks.add(counts.table());

        Rows events = new Rows("At", "Event", "Replica", "Cause / detail");
        for (ScalingReport.Event e : scaling.events()) {
            events.add(plain(ReportFormat.instant(e.at(), "")), e.kind().startsWith("scal") ? strong(e.kind())
                    : plain(e.kind()), e.replica() == null ? ReportText.EMPTY : code(e.replica()),
                    plain(e.cause() == null ? "" : e.cause()));
        }
        if (!scaling.events().isEmpty()) {
            blocks.add(new ReportBlock.Paragraph(strong("Scale events").then(" (the autoscaler's activities with their"
                    + " cause; the replicas' start, health and end as Docker recorded them):")));
            blocks.add(events.table());
        }

        if (!scaling.coldStarts().isEmpty()) {
            Rows cold = new Rows("Replica", "Container started", "→ first passing health check",
                    "→ healthy in the load balancer", "Server");
            for (ScalingReport.ColdStart c : scaling.coldStarts()) {
                cold.add(code(c.replica()), plain(ReportFormat.instant(c.startedAt(), "")),
                        plain(latency(c.startToHealthyMillis())), plain(latency(c.startToLoadBalancerMillis())),
                        c.server() == null ? plain("— (not matched)") : code(c.server()));
            }
            blocks.add(new ReportBlock.Paragraph(strong("Cold start per new replica:")));
            blocks.add(cold.table());
        }

        if (!scaling.shareDuring().isEmpty() || !scaling.shareAfter().isEmpty()) {
            Set<String> servers = new TreeSet<>(scaling.shareDuring().keySet());
            servers.addAll(scaling.shareAfter().keySet());
            Rows share = new Rows("Server", "Share during the scale-out", "Share after it");
            for (String server : servers) {
                Double during = scaling.shareDuring().get(server);
                Double after = scaling.shareAfter().get(server);
                share.add(code(server), plain(during == null ? "—" : fraction(during)),
                        plain(after == null ? "— (not in rotation throughout)" : fraction(after)));
            }
            String imbalance = scaling.imbalanceAfter() == null ? ")."
                    : "; imbalance after the scale-out " + fraction(scaling.imbalanceAfter()) + " off an even share).";
            blocks.add(new ReportBlock.Paragraph(strong("Balance across replicas").then(" (each server's share of"
                    + " the requests the load balancer handed out" + imbalance)));
            blocks.add(share.table());
        }
        blocks.add(new ReportBlock.Paragraph(plain("Measured from " + scaling.method() + ".")));
        return new ReportSection("scaling", "Scaling", blocks);
    }

    /** A fraction (0.25) as a percentage to a tenth ({@code 25.0 %}). */
    private static String fraction(double value) {
        return String.format(Locale.ROOT, "%.1f %%", value * 100);
    }

    private static ReportSection objectives(List<SloResult> slos) {
        if (slos.isEmpty()) {
            return new ReportSection("objectives", "Objectives",
                    List.of(new ReportBlock.Paragraph(plain("No objective was evaluated."))));
        }
        Rows rows = new Rows("Objective", "Threshold", "Measured", "Status", "How measured");
        for (SloResult slo : slos) {
            rows.add(plain(slo.objective()),
                    plain(ReportFormat.quantity(slo.threshold(), slo.unit(), "")),
                    plain(ReportFormat.quantity(slo.measured(), slo.unit(), "no data")),
                    strong(slo.status().toString()),
                    plain(slo.method()));
        }
        return new ReportSection("objectives", "Objectives", List.of(rows.table()));
    }

    /**
     * Every resilience and integrity check with its outcome, passed ones too: a bulkhead that held is a result the
     * reader needs as much as one that failed. Left out when the experiment asked for none.
     */
    private static ReportSection checks(List<CheckResult> checks) {
        if (checks.isEmpty()) {
            return null;
        }
        Rows rows = new Rows("Check", "Status", "What was seen", "How measured");
        for (CheckResult check : checks) {
            rows.add(plain(check.name()), strong(check.status().toString()), plain(check.detail()),
                    plain(check.method()));
        }
        return new ReportSection("checks", "Checks", List.of(rows.table()));
    }

    /**
     * The acknowledged writes read back, with the ids that were lost, changed or duplicated: the ids are what an
     * engineer looks up in the system's own logs. Left out when the experiment did not ask for a read-back.
     */
    private static ReportSection integrity(RunVerdict verdict) {
        IntegrityReport integrity = verdict.integrity();
        CheckResult check = verdict.checks().stream().filter(c -> "data-integrity".equals(c.name())).findFirst()
                .orElse(null);
        if (integrity == null && check == null) {
            return null;
        }
        if (integrity == null) {
            return new ReportSection("integrity", "Data integrity", List.of(new ReportBlock.Paragraph(
                    plain("Not measured: " + check.detail() + " (" + check.method() + ")."))));
        }
        List<ReportBlock> blocks = new ArrayList<>();
        Rows rows = new Rows("Acknowledged writes", "Count", "Ids");
        rows.add("Acknowledged", Integer.toString(integrity.acknowledged()), "");
        rows.add(plain("Missing in the store (lost)"), count(integrity.missingInTable()),
                ids(integrity.missingInTable()));
        rows.add(plain("Changed (content differs: lost, id reissued)"), count(integrity.changed()),
                ids(integrity.changed()));
        rows.add(plain("Missing on the topic"), count(integrity.missingInTopic()), ids(integrity.missingInTopic()));
        rows.add(plain("Duplicated on the topic"), count(integrity.duplicatedInTopic()),
                ids(integrity.duplicatedInTopic()));
        rows.add(plain("RPO = 0"), integrity.rpoZero() ? plain("yes") : strong("no"), ReportText.EMPTY);
        if (check != null) {
            rows.add(plain("Check"), strong(check.status().toString()), ReportText.EMPTY);
        }
        blocks.add(rows.table());
        if (!integrity.changes().isEmpty()) {
            blocks.add(new ReportBlock.Paragraph(plain("What differed" + (integrity.changes().size()
                    < integrity.changed().size()
                    ? " (first " + integrity.changes().size() + " of " + integrity.changed().size() + ")" : "")
                    + ":")));
            blocks.add(new ReportBlock.Bullets(integrity.changes().stream().map(ReportText::plain).toList()));
        }
        blocks.add(new ReportBlock.Paragraph(plain("Read back " + integrity.method() + ".")));
        return new ReportSection("integrity", "Data integrity", blocks);
    }

    private static ReportText count(List<String> ids) {
        return plain(Integer.toString(ids.size()));
    }

    private static ReportText ids(List<String> ids) {
        ReportText text = ReportText.EMPTY;
        List<String> shown = ids.stream().limit(IDS_SHOWN).toList();
        for (int i = 0; i < shown.size(); i++) {
            text = (i == 0 ? text : text.then(", ")).coded(shown.get(i));
        }
        return ids.size() > IDS_SHOWN ? text.then(" … and " + (ids.size() - IDS_SHOWN) + " more") : text;
    }

    private static ReportSection findings(List<String> findings) {
        ReportBlock block = findings.isEmpty() ? new ReportBlock.Paragraph(plain("None."))
                : new ReportBlock.Bullets(findings.stream().map(ReportText::plain).toList());
        return new ReportSection("findings", "Findings", List.of(block));
    }

    private static ReportSection events(RunReport report) {
        if (report.events().isEmpty()) {
            return new ReportSection("events", "Events",
                    List.of(new ReportBlock.Paragraph(plain("No event of this run was recorded."))));
        }
        Rows rows = new Rows("Time", "Type", "Agent", "Fault", "Target", "Detail");
        report.events().stream().map(EventRow::of)
                .forEach(e -> rows.add(e.time(), e.type(), e.agent(), e.fault(), e.target(), e.detail()));
        return new ReportSection("events", "Events", List.of(rows.table()));
    }

    private static ReportSection method(RunVerdict verdict) {
        String interval = ReportFormat.duration(verdict.probeIntervalMillis());
        List<ReportText> items = new ArrayList<>();
        items.add(plain("Probes were issued every " + interval + "; that interval is the resolution of every time"
                + " above: a real transition lies up to one interval before the instant reported, so times to detect"
                + " and to recover are exact to within " + interval + "."));
        items.add(emphasis("Injected at").then(" is the agent's clock when its action completed (FaultInjected); ")
                .emphasised("detected at").then(" and ").emphasised("recovered at")
                .then(" are the instants at which the deciding probes were issued. A clock offset between the"
                        + " agent's host and the observer's adds to the times shown."));
        items.add(emphasis("Time to detect").then(" is the first failed probe minus the injection; ")
                .emphasised("time to recover").then(" is the first successful probe after which no probe failed"
                        + " until the window closed, minus the injection (0 s when the probe never failed)."));
        items.add(emphasis("Availability").then(" is the share of successful probes from the injection to the end"
                + " of the observation window. A probe belongs to the phase in which it was answered (or timed out):"
                + " one sent just before the injection that fails after it counts for the fault, not against the"
                + " steady state."));
        items.add(plain("A probe or request ").emphasised("fails").then(" when its status is not one the experiment"
                + " counts as success (default 2xx and 3xx), when it gets no answer in time, or when its body or"
                + " latency condition fails. ").emphasised("Failures by cause").then(" counts them per status and"
                + " per kind (timeout, refused, reset, other; body, latency, condition)."));
        if (verdict.timelines().stream().anyMatch(t -> t.degraded() != null)) {
            items.add(plain("A ").emphasised("degraded").then(" answer is a success (it counts for availability,"
                    + " not against it) whose JSON body lost a field or emptied an array that every successful"
                    + " steady-state answer had, or that was slower than the probe's ").coded("latencyAbove")
                    .then(". ").emphasised("Full service").then(" is the share of probes that were neither failed"
                            + " nor degraded."));
        }
        if (!verdict.breakers().isEmpty()) {
            items.add(emphasis("Circuit breakers").then(" were read from their metrics endpoints at every poll; a"
                    + " change is shown at the first poll that showed the new state, so the library's own transition"
                    + " lies between the poll before and that instant (within one poll interval)."));
        }
        if (!verdict.services().isEmpty()) {
            items.add(emphasis("Services").then(" were sampled every interval shown (their running containers or"
                    + " tasks, and their health, from the platform's API). ").emphasised("Replacement started")
                    .then(", ").emphasised("replacement healthy").then(" and ").emphasised("back to desired")
                    .then(" are Docker's own instants where known (its events as the agent reported them, or the"
                            + " start and health-check times Docker recorded, marked Docker), else the first sample"
                            + " that showed them, to within one interval. The service RTO is back to desired minus"
                            + " the first injection on one of its replicas."));
        }
        if (verdict.timelines().stream().anyMatch(t -> t.platformDownAt() != null)) {
            items.add(emphasis("Target down / up / healthy (Docker)").then(" are the Docker engine's own event times"
                    + " for the target's container (die, start or restart, health check healthy), reported by its"
                    + " agent, on the target host's clock, to the nanosecond; the service's ")
                    .emphasised("recovered at").then(" is what the probes saw."));
        }
        return new ReportSection("method", "How these numbers were measured", List.of(new ReportBlock.Bullets(items)));
    }

    /** A table under construction: plain cells by default. */
    private static final class Rows {
        private final List<String> headers;
        private final List<List<ReportText>> rows = new ArrayList<>();

        Rows(String... headers) {
            this.headers = List.of(headers);
        }

        void add(String... cells) {
            rows.add(Arrays.stream(cells).map(ReportText::plain).toList());
        }

        void add(ReportText... cells) {
            rows.add(List.of(cells));
        }

        void add(List<ReportText> cells) {
            rows.add(cells);
        }

        ReportBlock.Table table() {
            return new ReportBlock.Table(headers, rows);
        }
    }
}
