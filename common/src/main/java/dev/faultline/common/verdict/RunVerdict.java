package dev.faultline.common.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The judgement of a run, computed from measurements only.
 *
 * @param findings plain-language reasons behind a FAIL (and notes on a PASS), e.g. "steady state not met before
 *                 injection"
 * @param mttrMillis  optional: mean time to recover over the run's timelines that failed and recovered (the mean of
 *                    their timeToRecoverMillis), resolution probeIntervalMillis; null when none did
 * @param load        optional: what the load test saw, when the experiment had one
 * @param checks      resilience and integrity checks, each PASS / FAIL / NO_DATA with how it was measured
 * @param integrity   optional: the data-integrity report, when the experiment asked for one
 * @param breakers    every circuit breaker followed (named or discovered) with its state changes; empty when none
 * @param probeLanes  every sample of every probe over the run, run-length encoded (the report's timeline lanes);
 *                    empty in verdicts written before it existed
 * @param scaling     optional: how the service scaled, when the experiment has a {@code scaling:} section
 * See docs/verdict.md.
 */
public record RunVerdict(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        String experimentName,
        Verdict verdict,
        List<RecoveryTimeline> timelines,
        List<SloResult> slos,
        List<String> findings,
        long probeIntervalMillis,
        Long mttrMillis,
        LoadSummary load,
        List<CheckResult> checks,
        IntegrityReport integrity,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<BreakerTimeline> breakers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ProbeLane> probeLanes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ServiceRecovery> services,
        @JsonInclude(JsonInclude.Include.NON_NULL) ScalingReport scaling) implements VerdictMessage {

    public RunVerdict {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true)
                .notBlank(experimentName, "experimentName")
                .notNull(verdict, "verdict")
                .require(probeIntervalMillis > 0, "probeIntervalMillis", "must be positive")
                .throwIfAny();
        timelines = timelines == null ? List.of() : List.copyOf(timelines);
        slos = slos == null ? List.of() : List.copyOf(slos);
        findings = findings == null ? List.of() : List.copyOf(findings);
        checks = checks == null ? List.of() : List.copyOf(checks);
        breakers = breakers == null ? List.of() : List.copyOf(breakers);
        probeLanes = probeLanes == null ? List.of() : List.copyOf(probeLanes);
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** A verdict without service recoveries, as before they existed. */
    public RunVerdict(int schemaVersion, String messageId, String runId, Instant timestamp, String experimentName,
            Verdict verdict, List<RecoveryTimeline> timelines, List<SloResult> slos, List<String> findings,
            long probeIntervalMillis, Long mttrMillis, LoadSummary load, List<CheckResult> checks,
            IntegrityReport integrity, List<BreakerTimeline> breakers, List<ProbeLane> probeLanes) {
        this(schemaVersion, messageId, runId, timestamp, experimentName, verdict, timelines, slos, findings,
                probeIntervalMillis, mttrMillis, load, checks, integrity, breakers, probeLanes, null);
    }

    /** This verdict with the given services' recoveries. */
    public RunVerdict withServices(List<ServiceRecovery> recoveries) {
        return new RunVerdict(schemaVersion, messageId, runId, timestamp, experimentName, verdict, timelines, slos,
                findings, probeIntervalMillis, mttrMillis, load, checks, integrity, breakers, probeLanes, recoveries,
                scaling);
    }

    /** A verdict without a scaling report, as before it existed. */
    public RunVerdict(int schemaVersion, String messageId, String runId, Instant timestamp, String experimentName,
            Verdict verdict, List<RecoveryTimeline> timelines, List<SloResult> slos, List<String> findings,
            long probeIntervalMillis, Long mttrMillis, LoadSummary load, List<CheckResult> checks,
            IntegrityReport integrity, List<BreakerTimeline> breakers, List<ProbeLane> probeLanes,
            List<ServiceRecovery> services) {
        this(schemaVersion, messageId, runId, timestamp, experimentName, verdict, timelines, slos, findings,
                probeIntervalMillis, mttrMillis, load, checks, integrity, breakers, probeLanes, services, null);
    }

    /**
     * This verdict with the scaling report, its objectives appended to the checks and its findings to the findings;
     * a failed objective fails the verdict.
     */
    public RunVerdict withScaling(ScalingReport report, List<CheckResult> scalingChecks, List<String> scalingFindings) {
        List<CheckResult> allChecks = new ArrayList<>(checks);
        allChecks.addAll(scalingChecks);
        List<String> allFindings = new ArrayList<>(findings);
        allFindings.addAll(scalingFindings);
        Verdict judged = verdict == Verdict.PASS && scalingChecks.stream().allMatch(CheckResult::passed)
                ? Verdict.PASS : Verdict.FAIL;
        return new RunVerdict(schemaVersion, messageId, runId, timestamp, experimentName, judged, timelines, slos,
                allFindings, probeIntervalMillis, mttrMillis, load, allChecks, integrity, breakers, probeLanes, services,
                report);
    }

    /** A verdict without probe lanes, as before they existed. */
    public RunVerdict(int schemaVersion, String messageId, String runId, Instant timestamp, String experimentName,
            Verdict verdict, List<RecoveryTimeline> timelines, List<SloResult> slos, List<String> findings,
            long probeIntervalMillis, Long mttrMillis, LoadSummary load, List<CheckResult> checks,
            IntegrityReport integrity, List<BreakerTimeline> breakers) {
        this(schemaVersion, messageId, runId, timestamp, experimentName, verdict, timelines, slos, findings,
                probeIntervalMillis, mttrMillis, load, checks, integrity, breakers, null);
    }

    /** This verdict with the given probe lanes. */
    public RunVerdict withProbeLanes(List<ProbeLane> lanes) {
        return new RunVerdict(schemaVersion, messageId, runId, timestamp, experimentName, verdict, timelines, slos,
                findings, probeIntervalMillis, mttrMillis, load, checks, integrity, breakers, lanes, services, scaling);
    }

    /** A verdict without breaker timelines, as before they existed. */
    public RunVerdict(int schemaVersion, String messageId, String runId, Instant timestamp, String experimentName,
            Verdict verdict, List<RecoveryTimeline> timelines, List<SloResult> slos, List<String> findings,
            long probeIntervalMillis, Long mttrMillis, LoadSummary load, List<CheckResult> checks,
            IntegrityReport integrity) {
        this(schemaVersion, messageId, runId, timestamp, experimentName, verdict, timelines, slos, findings,
                probeIntervalMillis, mttrMillis, load, checks, integrity, null);
    }

    /** A verdict from probes only, as before load, checks and integrity existed. */
    public RunVerdict(int schemaVersion, String messageId, String runId, Instant timestamp, String experimentName,
            Verdict verdict, List<RecoveryTimeline> timelines, List<SloResult> slos, List<String> findings,
            long probeIntervalMillis) {
        this(schemaVersion, messageId, runId, timestamp, experimentName, verdict, timelines, slos, findings,
                probeIntervalMillis, null, null, null, null);
    }

    public static RunVerdict of(String runId, String experimentName, Verdict verdict, List<RecoveryTimeline> timelines,
            List<SloResult> slos, List<String> findings, long probeIntervalMillis, Long mttrMillis, LoadSummary load,
            List<CheckResult> checks, IntegrityReport integrity, Instant now) {
        return of(runId, experimentName, verdict, timelines, slos, findings, probeIntervalMillis, mttrMillis, load,
                checks, integrity, List.of(), now);
    }

    public static RunVerdict of(String runId, String experimentName, Verdict verdict, List<RecoveryTimeline> timelines,
            List<SloResult> slos, List<String> findings, long probeIntervalMillis, Long mttrMillis, LoadSummary load,
            List<CheckResult> checks, IntegrityReport integrity, List<BreakerTimeline> breakers, Instant now) {
        return new RunVerdict(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, experimentName, verdict,
                timelines, slos, findings, probeIntervalMillis, mttrMillis, load, checks, integrity, breakers);
    }

    public static RunVerdict of(String runId, String experimentName, Verdict verdict, List<RecoveryTimeline> timelines,
            List<SloResult> slos, List<String> findings, long probeIntervalMillis, Instant now) {
        return new RunVerdict(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, experimentName, verdict,
                timelines, slos, findings, probeIntervalMillis);
    }
}
