package dev.faultline.observer.run;

import dev.faultline.common.experiment.Probe;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdicts of runs this observer could not watch whole: it was restarted (or not running) during the run, and
 * its probes' samples live only in memory. Measurements it does not have are never made up: the run FAILs with a
 * first finding that starts with "no verdict:" and says why, so that a pipeline does not pass it and a reader knows
 * the figures are missing rather than bad.
 */
public final class MissedObservation {

    /**
     * A RunStarted read this long after it was sent means the observer was not there when the run began: its
     * baseline and maybe the fault's start are missing. Kafka delivers within milliseconds otherwise.
     */
    public static final Duration LATE_JOIN = Duration.ofSeconds(5);

    /**
     * The end of a run never seen start is answered only while it is this recent: an older one is a replay (a new
     * consumer group reads the topic from its beginning), and those runs were judged when they ended.
     */
    public static final Duration FRESH_END = Duration.ofMinutes(2);

    private MissedObservation() {
    }

    /** Whether a RunStarted sent at {@code sentAt} and read at {@code readAt} came too late for a whole observation. */
    public static boolean lateJoin(Instant sentAt, Instant readAt) {
        return readAt.isAfter(sentAt.plus(LATE_JOIN));
    }

    /** Whether the end of a run this observer never followed, sent at {@code endedAt}, is owed a verdict now. */
    public static boolean owedVerdict(Instant endedAt, Instant now) {
        return !endedAt.plus(FRESH_END).isBefore(now);
    }

    /**
     * The verdict of a run whose end arrived without its start: nothing was measured. RunFinished and RunAborted do
     * not carry the experiment's name; the reporter keeps the one RunStarted gave it.
     */
    public static RunVerdict unobserved(String runId, String abortReason, Instant now) {
        List<String> findings = new ArrayList<>();
        findings.add("no verdict: this observer did not observe run " + runId + " (it was restarted, or not"
                + " running, while the run was active), so nothing was measured");
        if (abortReason != null) {
            findings.add("run aborted: " + abortReason);
        }
        return RunVerdict.of(runId, "unknown", Verdict.FAIL, List.of(), List.of(), findings,
                Probe.DEFAULT_INTERVAL.toMillis(), now);
    }

    /**
     * The verdict of a run this observer began to watch only at {@code joinedAt}: what it measured is kept (timelines,
     * checks, probe lanes), but the run FAILs, since an outage before it joined may be missing from every figure.
     */
    public static RunVerdict partial(RunVerdict judged, Instant runStartedAt, Instant joinedAt) {
        List<String> findings = new ArrayList<>();
        findings.add("no verdict: the observer began observing at " + joinedAt + ", "
                + Duration.between(runStartedAt, joinedAt).toMillis() + " ms after the run started at " + runStartedAt
                + " (it was restarted during the run); what happened before is not measured");
        findings.addAll(judged.findings());
        return new RunVerdict(judged.schemaVersion(), judged.messageId(), judged.runId(), judged.timestamp(),
                judged.experimentName(), Verdict.FAIL, judged.timelines(), judged.slos(), findings,
                judged.probeIntervalMillis(), judged.mttrMillis(), judged.load(), judged.checks(), judged.integrity(),
                judged.breakers()).withProbeLanes(judged.probeLanes()).withServices(judged.services());
    }
}
