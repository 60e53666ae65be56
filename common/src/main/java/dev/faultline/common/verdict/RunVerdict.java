package dev.faultline.common.verdict;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import java.time.Instant;
import java.util.List;

/**
 * The judgement of a run, computed from measurements only.
 *
 * @param findings plain-language reasons behind a FAIL (and notes on a PASS), e.g. "steady state not met before
 *                 injection"
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
        long probeIntervalMillis) implements VerdictMessage {

    public RunVerdict {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true)
                .notBlank(experimentName, "experimentName")
                .notNull(verdict, "verdict")
                .require(probeIntervalMillis > 0, "probeIntervalMillis", "must be positive")
                .throwIfAny();
        timelines = timelines == null ? List.of() : List.copyOf(timelines);
        slos = slos == null ? List.of() : List.copyOf(slos);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    public static RunVerdict of(String runId, String experimentName, Verdict verdict, List<RecoveryTimeline> timelines,
            List<SloResult> slos, List<String> findings, long probeIntervalMillis, Instant now) {
        return new RunVerdict(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, experimentName, verdict,
                timelines, slos, findings, probeIntervalMillis);
    }
}
