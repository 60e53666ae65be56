package dev.faultline.observer.timeline;

import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.FailureBreakdown;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns one probe's samples around one fault into a {@link RecoveryTimeline}, following the field definitions of
 * that record. Only samples {@linkplain #inWindow in the fault window} count: answered at or after
 * {@code injectedAt}, sent by {@code windowEnd}. A probe belongs to the phase in which it was answered: one sent
 * just before the injection and failing after it is the fault's, and the instants of a timeline never lie before
 * the injection (such a probe's instant is the injection itself).
 *
 * <p>Without any sample in that window nothing was measured: the timeline then has {@code probesInWindow == 0},
 * no times, no time to recover and an availability of 0 (no successful probe was seen), and SLOs treat it as
 * NO_DATA.
 *
 * <p>Adaptive probing adds fast samples: they only sharpen the instants. Every count (probes in the window, failed
 * probes, availability, the failure breakdown) comes from the samples at the configured interval, as without them;
 * when those saw a failure, detection, last failure and recovery are read from both kinds together (same rules), and
 * each transition gets its own resolution: the time from the sample before it to it, within which it truly lies.
 */
public final class TimelineCalculator {

    private TimelineCalculator() {
    }

    public static RecoveryTimeline calculate(String faultId, TargetRef target, String probe, Instant injectedAt,
            List<ProbeSample> samples, Instant windowEnd, long intervalMillis) {
        return calculate(faultId, target, probe, injectedAt, samples, List.of(), windowEnd, intervalMillis);
    }

    /**
     * As above, with the probe's fast samples of adaptive probing ({@code fastSamples}, possibly empty) sharpening
     * the instants.
     */
    public static RecoveryTimeline calculate(String faultId, TargetRef target, String probe, Instant injectedAt,
            List<ProbeSample> samples, List<ProbeSample> fastSamples, Instant windowEnd, long intervalMillis) {
        List<ProbeSample> window = samples.stream()
                .filter(s -> inWindow(s, injectedAt, windowEnd))
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
                    0, intervalMillis).withFailures(FailureBreakdown.NONE);
        }
        double availability = 100.0 * (total - failed) / total;
        FailureBreakdown failures = breakdown(window);

        // The instants, from both kinds of samples: the same rules over the finer sequence.
        List<ProbeSample> all = Stream.concat(samples.stream(), fastSamples.stream())
                .sorted(Comparator.comparing(ProbeSample::sentAt))
                .toList();
        List<ProbeSample> fine = all.stream().filter(s -> inWindow(s, injectedAt, windowEnd)).toList();
        int first = -1;
        int last = -1;
        for (int i = 0; i < fine.size(); i++) {
            if (fine.get(i).failed()) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        ProbeSample firstFailure = fine.get(first);
        ProbeSample lastFailure = fine.get(last);
        // The sample after the last failure passed (else it would be the last failure); none means still failing.
        ProbeSample recovery = last + 1 < fine.size() ? fine.get(last + 1) : null;
        Instant detectedAt = notBefore(firstFailure.sentAt(), injectedAt);
        Instant lastFailedAt = notBefore(lastFailure.sentAt(), injectedAt);
        Instant recoveredAt = recovery == null ? null : notBefore(recovery.sentAt(), injectedAt);
        int before = all.indexOf(firstFailure) - 1;
        long detectionResolution = before < 0 ? intervalMillis
                : millisBetween(all.get(before).sentAt(), firstFailure.sentAt());
        Long recoveryResolution = recovery == null ? null : millisBetween(lastFailure.sentAt(), recovery.sentAt());
        return new RecoveryTimeline(faultId, target, probe, injectedAt, detectedAt, lastFailedAt, recoveredAt,
                millisBetween(injectedAt, detectedAt),
                recoveredAt == null ? null : millisBetween(injectedAt, recoveredAt),
                availability, total, failed, intervalMillis).withFailures(failures)
                .withTransitionResolutions(detectionResolution, recoveryResolution);
    }

    /**
     * Whether a probe counts in the fault window that opens at {@code injectedAt}: answered (or timed out) at or
     * after it, and sent no later than {@code windowEnd} (a probe in flight when the window closes still counts,
     * with its outcome).
     */
    public static boolean inWindow(ProbeSample sample, Instant injectedAt, Instant windowEnd) {
        return !sample.answeredAt().isBefore(injectedAt) && !sample.sentAt().isAfter(windowEnd);
    }

    /** The failed samples by status and kind. */
    public static FailureBreakdown breakdown(List<ProbeSample> samples) {
        FailureBreakdown.Tally tally = new FailureBreakdown.Tally();
        samples.stream().filter(ProbeSample::failed).forEach(s -> tally.add(s.status(), s.failure()));
        return tally.breakdown();
    }

    private static Instant notBefore(Instant instant, Instant bound) {
        return instant.isBefore(bound) ? bound : instant;
    }

    private static long millisBetween(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }
}
