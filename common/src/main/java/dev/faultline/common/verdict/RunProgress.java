package dev.faultline.common.verdict;

import dev.faultline.common.Message;
import dev.faultline.common.MessageChecks;
import java.time.Instant;
import java.util.List;

/**
 * How a run looks to the observer while it goes on: each probe's current state and availability so far. Published
 * about once a second per observed run, keyed by run id, so that the CLI and the live page can show progress
 * without reading the observer's probes themselves. Each one replaces the one before; losing one loses nothing
 * that the final {@link RunVerdict} does not hold.
 */
public record RunProgress(
        int schemaVersion,
        String messageId,
        String runId,
        Instant timestamp,
        List<ProbeStatus> probes) implements VerdictMessage {

    public RunProgress {
        MessageChecks.envelope(schemaVersion, messageId, runId, timestamp, true).throwIfAny();
        probes = probes == null ? List.of() : List.copyOf(probes);
    }

    public static RunProgress of(String runId, List<ProbeStatus> probes, Instant now) {
        return new RunProgress(Message.SCHEMA_VERSION, MessageChecks.newMessageId(), runId, now, probes);
    }
}
