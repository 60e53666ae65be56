package dev.faultline.observer.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.FailureBreakdown;
import dev.faultline.common.verdict.FailureKind;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineCalculatorTest {

    private static final TargetRef TARGET = new TargetRef("agent-1", "c0ffee", "orders");
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final long INTERVAL = 100;
    private static final Instant INJECTED = T0.plusMillis(1_000);
    private static final Instant WINDOW_END = T0.plusMillis(3_000);

    /** Samples every 100 ms from T0, one character each: '+' passed, '-' failed (503), 'x' no answer. */
    private static List<ProbeSample> samples(String pattern) {
        List<ProbeSample> samples = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            Instant sentAt = T0.plusMillis(i * INTERVAL);
            samples.add(switch (pattern.charAt(i)) {
                case '+' -> ProbeSample.answered("health", sentAt, 200, 200, 3);
                case '-' -> ProbeSample.answered("health", sentAt, 503, 200, 3);
                case 'x' -> ProbeSample.unanswered("health", sentAt, "ConnectException", 1);
                default -> throw new IllegalArgumentException(pattern);
            });
        }
        return samples;
    }

    private static RecoveryTimeline calculate(List<ProbeSample> samples) {
        return TimelineCalculator.calculate("f1", TARGET, "health", INJECTED, samples, WINDOW_END, INTERVAL);
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void neverFailingProbeRecoversInZeroWithFullAvailability() {
        // 30 samples: 0..2900 ms; 20 of them from the injection at 1000 ms on.
        RecoveryTimeline t = calculate(samples("+".repeat(30)));

        assertThat(t.detectedAt()).isNull();
        assertThat(t.lastFailedAt()).isNull();
        assertThat(t.recoveredAt()).isNull();
        assertThat(t.timeToDetectMillis()).isNull();
        assertThat(t.timeToRecoverMillis()).isZero();
        assertThat(t.availabilityPercent()).isEqualTo(100.0);
        assertThat(t.probesInWindow()).isEqualTo(20);
        assertThat(t.probesFailed()).isZero();
        assertThat(t.resolutionMillis()).isEqualTo(INTERVAL);
        assertThat(t.faultId()).isEqualTo("f1");
        assertThat(t.target()).isEqualTo(TARGET);
        assertThat(t.injectedAt()).isEqualTo(INJECTED);
    }

    @Test
    void failsThenRecovers() {
        // injected at 1000; failing 1200..1700 (6 samples), passing again from 1800.
        RecoveryTimeline t = calculate(samples("+".repeat(12) + "-".repeat(6) + "+".repeat(12)));

        assertThat(t.detectedAt()).isEqualTo(at(1_200));
        assertThat(t.lastFailedAt()).isEqualTo(at(1_700));
        assertThat(t.recoveredAt()).isEqualTo(at(1_800));
        assertThat(t.timeToDetectMillis()).isEqualTo(200);
        assertThat(t.timeToRecoverMillis()).isEqualTo(800);
        assertThat(t.probesInWindow()).isEqualTo(20);
        assertThat(t.probesFailed()).isEqualTo(6);
        assertThat(t.availabilityPercent()).isEqualTo(70.0);
        assertThat(t.recovered()).isTrue();
    }

    @Test
    void unansweredProbesCountAsFailures() {
        RecoveryTimeline t = calculate(samples("+".repeat(10) + "xx-x" + "+".repeat(16)));

        assertThat(t.detectedAt()).isEqualTo(at(1_000));
        assertThat(t.lastFailedAt()).isEqualTo(at(1_300));
        assertThat(t.recoveredAt()).isEqualTo(at(1_400));
        assertThat(t.timeToDetectMillis()).isZero();
        assertThat(t.timeToRecoverMillis()).isEqualTo(400);
        assertThat(t.probesFailed()).isEqualTo(4);
    }

    @Test
    void flappingRecoversOnlyAfterTheLastFailure() {
        // fails at 1100, passes at 1200, fails 1300-1400, passes 1500, fails 2000, passes from 2100 on.
        RecoveryTimeline t = calculate(samples("+".repeat(11) + "-+--+++++-" + "+".repeat(9)));

        assertThat(t.detectedAt()).isEqualTo(at(1_100));
        assertThat(t.lastFailedAt()).isEqualTo(at(2_000));
        assertThat(t.recoveredAt()).isEqualTo(at(2_100));
        assertThat(t.timeToDetectMillis()).isEqualTo(100);
        assertThat(t.timeToRecoverMillis()).isEqualTo(1_100);
        assertThat(t.probesFailed()).isEqualTo(4);
        assertThat(t.probesInWindow()).isEqualTo(20);
        assertThat(t.availabilityPercent()).isEqualTo(80.0);
    }

    @Test
    void stillFailingAtTheEndHasNoRecovery() {
        RecoveryTimeline t = calculate(samples("+".repeat(15) + "-".repeat(5) + "+-" + "-".repeat(8)));

        assertThat(t.detectedAt()).isEqualTo(at(1_500));
        assertThat(t.lastFailedAt()).isEqualTo(at(2_900));
        assertThat(t.recoveredAt()).isNull();
        assertThat(t.timeToRecoverMillis()).isNull();
        assertThat(t.recovered()).isFalse();
        assertThat(t.probesFailed()).isEqualTo(14);
        assertThat(t.availabilityPercent()).isEqualTo(30.0);
    }

    @Test
    void noSamplesAfterInjectionMeansNoData() {
        RecoveryTimeline t = calculate(samples("+".repeat(10)));

        assertThat(t.probesInWindow()).isZero();
        assertThat(t.probesFailed()).isZero();
        assertThat(t.detectedAt()).isNull();
        assertThat(t.recoveredAt()).isNull();
        assertThat(t.timeToDetectMillis()).isNull();
        assertThat(t.timeToRecoverMillis()).isNull();
    }

    @Test
    void noSamplesAtAllMeansNoData() {
        RecoveryTimeline t = calculate(List.of());

        assertThat(t.probesInWindow()).isZero();
        assertThat(t.timeToRecoverMillis()).isNull();
    }

    @Test
    void failureBeforeInjectionIsNotDetection() {
        // failing 500..900, before the injection at 1000; passing afterwards.
        RecoveryTimeline t = calculate(samples("+".repeat(5) + "-".repeat(5) + "+".repeat(20)));

        assertThat(t.detectedAt()).isNull();
        assertThat(t.lastFailedAt()).isNull();
        assertThat(t.timeToDetectMillis()).isNull();
        assertThat(t.timeToRecoverMillis()).isZero();
        assertThat(t.availabilityPercent()).isEqualTo(100.0);
        assertThat(t.probesInWindow()).isEqualTo(20);
    }

    @Test
    void failureStraddlingTheInjectionIsDetectedAtTheInjection() {
        RecoveryTimeline t = calculate(samples("+".repeat(8) + "-".repeat(5) + "+".repeat(17)));

        assertThat(t.detectedAt()).isEqualTo(at(1_000));
        assertThat(t.lastFailedAt()).isEqualTo(at(1_200));
        assertThat(t.recoveredAt()).isEqualTo(at(1_300));
        assertThat(t.probesFailed()).isEqualTo(3);
    }

    @Test
    void samplesAfterTheWindowAreIgnored() {
        // passes until the window end at 3000, fails afterwards: those failures are outside the run.
        RecoveryTimeline t = calculate(samples("+".repeat(31) + "-".repeat(5)));

        assertThat(t.probesInWindow()).isEqualTo(21);
        assertThat(t.probesFailed()).isZero();
        assertThat(t.timeToRecoverMillis()).isZero();
    }

    @Test
    void unsortedSamplesAreOrderedBySentAt() {
        List<ProbeSample> samples = new ArrayList<>(samples("+".repeat(12) + "-".repeat(3) + "+".repeat(15)));
        Collections.reverse(samples);

        RecoveryTimeline t = calculate(samples);

        assertThat(t.detectedAt()).isEqualTo(at(1_200));
        assertThat(t.lastFailedAt()).isEqualTo(at(1_400));
        assertThat(t.recoveredAt()).isEqualTo(at(1_500));
        assertThat(t.timeToRecoverMillis()).isEqualTo(500);
    }

    @Test
    void aProbeSentBeforeTheInjectionAndFailingAfterItBelongsToTheFaultAtTheInjectionInstant() {
        List<ProbeSample> samples = new ArrayList<>(samples("+".repeat(10)));   // 0..900 ms, all answered by 903 ms
        samples.add(ProbeSample.unanswered("health", at(950), "HttpTimeoutException: request timed out",
                FailureKind.TIMEOUT, 1_000));                                    // answered (timed out) at 1950 ms
        for (long ms = 1_000; ms < 3_000; ms += INTERVAL) {
            samples.add(ProbeSample.answered("health", at(ms), ms < 1_500 ? 503 : 200, 200, 3));
        }

        RecoveryTimeline t = calculate(samples);

        assertThat(t.probesInWindow()).isEqualTo(21);
        assertThat(t.probesFailed()).isEqualTo(6);
        assertThat(t.detectedAt()).isEqualTo(INJECTED);
        assertThat(t.timeToDetectMillis()).isZero();
        assertThat(t.recoveredAt()).isEqualTo(at(1_500));
        assertThat(t.failures()).isEqualTo(new FailureBreakdown(Map.of(503, 5L), Map.of(FailureKind.TIMEOUT, 1L)));
    }

    @Test
    void failuresAreCountedByStatusAndByKind() {
        List<ProbeSample> samples = new ArrayList<>(samples("++++++++++-x-x++++++"));
        samples.add(ProbeSample.unanswered("health", at(2_000), "ConnectException", FailureKind.REFUSED, 1));
        samples.add(new ProbeSample("health", at(2_100), false, 200, "body lacks 'UP'", 3, FailureKind.BODY));

        RecoveryTimeline t = calculate(samples);

        assertThat(t.failures().byStatus()).containsExactly(Map.entry(503, 2L));
        assertThat(t.failures().byKind()).containsOnly(Map.entry(FailureKind.OTHER, 2L),
                Map.entry(FailureKind.REFUSED, 1L), Map.entry(FailureKind.BODY, 1L));
        assertThat(t.failures().total()).isEqualTo(t.probesFailed());
    }

    @Test
    void aProbeThatNeverFailedSaysSoRatherThanRecovered() {
        RecoveryTimeline t = calculate(samples("+".repeat(30)));

        assertThat(t.neverFailed()).isTrue();
        assertThat(t.recovered()).isFalse();
        assertThat(t.failures()).isEqualTo(FailureBreakdown.NONE);
        assertThat(calculate(samples("+".repeat(10))).neverFailed()).as("no probe in the window").isFalse();
    }

    /** Fast samples (adaptive probing) every 10 ms from {@code fromMillis}, one character each as in samples(). */
    private static List<ProbeSample> fastSamples(long fromMillis, String pattern) {
        List<ProbeSample> samples = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            Instant sentAt = T0.plusMillis(fromMillis + i * 10L);
            samples.add(pattern.charAt(i) == '+' ? ProbeSample.answered("health", sentAt, 200, 200, 1)
                    : ProbeSample.answered("health", sentAt, 503, 200, 1));
        }
        return samples;
    }

    @Test
    void fastSamplesSharpenTheInstantsAndCountNowhere() {
        // configured cadence: failing from 1200 to 1900 ms (8 failed of 20 in the window), passing again at 2000
        List<ProbeSample> regular = samples("+".repeat(12) + "-".repeat(8) + "+".repeat(10));
        // fast probes from 1000 ms: failing from 1130 ms on; and from 1900 ms: passing again at 1950 ms
        List<ProbeSample> fast = new ArrayList<>(fastSamples(1_000, "+".repeat(13) + "-".repeat(7)));
        fast.addAll(fastSamples(1_900, "-".repeat(5) + "+".repeat(5)));

        RecoveryTimeline coarse = calculate(regular);
        RecoveryTimeline t = TimelineCalculator.calculate("f1", TARGET, "health", INJECTED, regular, fast, WINDOW_END,
                INTERVAL);

        assertThat(coarse.detectedAt()).isEqualTo(at(1_200));
        assertThat(coarse.recoveredAt()).isEqualTo(at(2_000));
        assertThat(coarse.detectionResolutionMillis()).isEqualTo(100);
        assertThat(coarse.recoveryResolutionMillis()).isEqualTo(100);
        assertThat(t.detectedAt()).isEqualTo(at(1_130));
        assertThat(t.lastFailedAt()).isEqualTo(at(1_940));
        assertThat(t.recoveredAt()).isEqualTo(at(1_950));
        assertThat(t.timeToDetectMillis()).isEqualTo(130);
        assertThat(t.timeToRecoverMillis()).isEqualTo(950);
        assertThat(t.detectionResolutionMillis()).isEqualTo(10);
        assertThat(t.recoveryResolutionMillis()).isEqualTo(10);
        // every count as at the configured interval alone
        assertThat(t.probesInWindow()).isEqualTo(coarse.probesInWindow()).isEqualTo(20);
        assertThat(t.probesFailed()).isEqualTo(coarse.probesFailed()).isEqualTo(8);
        assertThat(t.availabilityPercent()).isEqualTo(coarse.availabilityPercent());
        assertThat(t.failures()).isEqualTo(coarse.failures());
        assertThat(t.resolutionMillis()).isEqualTo(INTERVAL);
    }

    @Test
    void aBlipOnlyFastProbesSawIsNoFailure() {
        // the configured cadence never failed: the probe "never failed", whatever the fast samples saw
        List<ProbeSample> regular = samples("+".repeat(30));
        RecoveryTimeline t = TimelineCalculator.calculate("f1", TARGET, "health", INJECTED, regular,
                fastSamples(1_500, "+--+"), WINDOW_END, INTERVAL);

        assertThat(t.neverFailed()).isTrue();
        assertThat(t.detectedAt()).isNull();
        assertThat(t.detectionResolutionMillis()).isNull();
    }

    @Test
    void aProbeStillFailingHasNoRecoveryResolution() {
        RecoveryTimeline t = calculate(samples("+".repeat(15) + "-".repeat(15)));

        assertThat(t.recoveredAt()).isNull();
        assertThat(t.detectionResolutionMillis()).isEqualTo(100);
        assertThat(t.recoveryResolutionMillis()).isNull();
    }
}
