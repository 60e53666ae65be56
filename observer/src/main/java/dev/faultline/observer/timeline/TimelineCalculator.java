package dev.faultline.observer.timeline;

import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Turns one probe's samples around one fault into a {@link RecoveryTimeline}, following the field definitions of
 * that record. Only samples sent from {@code injectedAt} to {@code windowEnd} (both included) count: a failure
 * before the injection belongs to the steady state, not to the fault.
 *
 * <p>Without any sample in that window nothing was measured: the timeline then has {@code probesInWindow == 0},
 * no times, no time to recover and an availability of 0 (no successful probe was seen), and SLOs treat it as
 * NO_DATA.
 */
public final class TimelineCalculator {

    private TimelineCalculator() {
    }

    public static RecoveryTimeline calculate(String faultId, TargetRef target, String probe, Instant injectedAt,
            List<ProbeSample> samples, Instant windowEnd, long intervalMillis) {
        List<ProbeSample> window = samples.stream()
                .filter(s -> !s.sentAt().isBefore(injectedAt) && !s.sentAt().isAfter(windowEnd))
                .sorted(Comparator.comparing(ProbeSample::sentAt))
                .toList();
        if (window.isEmpty()) {
            return new RecoveryTimeline(faultId, target, probe, injectedAt, null, null, null, null, null, 0, 0, 0,
                    intervalMillis);
        }
        int firstFailed = -1;
        int lastFailed = -1;
        int failed = 0;
        for (int i = 0; i < window.size(); i++) {
            if (window.get(i).failed()) {
                firstFailed = firstFailed < 0 ? i : firstFailed;
                lastFailed = i;
                failed++;
            }
        }
        int total = window.size();
        if (failed == 0) {
            return new RecoveryTimeline(faultId, target, probe, injectedAt, null, null, null, null, 0L, 100.0, total,
                    0, intervalMillis);
        }
        Instant detectedAt = window.get(firstFailed).sentAt();
        Instant lastFailedAt = window.get(lastFailed).sentAt();
        // The sample after the last failure passed (else it would be the last failure); none means still failing.
        Instant recoveredAt = lastFailed + 1 < total ? window.get(lastFailed + 1).sentAt() : null;
        double availability = 100.0 * (total - failed) / total;
        return new RecoveryTimeline(faultId, target, probe, injectedAt, detectedAt, lastFailedAt, recoveredAt,
                millisBetween(injectedAt, detectedAt),
                recoveredAt == null ? null : millisBetween(injectedAt, recoveredAt),
                availability, total, failed, intervalMillis);
    }

    private static long millisBetween(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }
}
