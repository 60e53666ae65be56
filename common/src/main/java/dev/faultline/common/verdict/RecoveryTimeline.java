package dev.faultline.common.verdict;

import dev.faultline.common.target.TargetRef;
import dev.faultline.common.validation.Checks;
import java.time.Instant;

/**
 * How one probe saw one fault: when it was injected, when the probe first failed, when it recovered for good.
 * Every time comes from a probe taken every {@code resolutionMillis}, so a true transition lies within one
 * resolution before the reported instant.
 *
 * @param detectedAt        first failed probe at or after injection; null if the probe never failed
 * @param lastFailedAt      last failed probe before recovery; null if the probe never failed
 * @param recoveredAt       first successful probe after which no probe failed until the window closed; null if
 *                          the probe was still failing (or never answered) at the end
 * @param timeToDetectMillis  detectedAt minus injectedAt
 * @param timeToRecoverMillis recoveredAt minus injectedAt (0 when the probe never failed)
 * @param availabilityPercent successful probes over all probes from injection to the end of the window
 * @param routedAwayAt      optional: first load-balancer poll at or after injection that showed the target's
 *                          server unhealthy, or the first of a stretch in which it got no new request while the
 *                          others got ten; null when not configured or not seen
 * @param circuitOpenedAt   optional: first metrics poll at or after injection that showed the circuit breaker open
 * @param circuitHalfOpenAt optional: first poll after it opened that showed it half-open
 * @param circuitClosedAt   optional: first poll after it opened that showed it closed again
 * @param metricsResolutionMillis interval between two polls of the load balancer and metrics endpoints: the
 *                          resolution of the four times above; null when none was polled
 * @param failures          optional: the failed probes of the window by status and kind; null in verdicts written
 *                          before it existed
 * @param platformDownAt    optional: when Docker said the target's container went down (its {@code die}) during or
 *                          after the fault, on the engine's clock; null when unknown (no such event, older agents)
 * @param platformUpAt      optional: when Docker said the container (or its replacement) ran again after that
 * @param platformHealthyAt optional: when Docker's own health check said it was healthy again after that
 * @param detectionResolutionMillis optional: the resolution of {@code detectedAt} itself: the time from the probe
 *                          before it (of the configured or of the adaptive, faster interval) to it, within which
 *                          the true onset lies; null when the probe never failed or in verdicts written before it
 * @param recoveryResolutionMillis optional: the same for {@code recoveredAt}: from the last failed probe to it;
 *                          null when the probe did not recover
 */
public record RecoveryTimeline(
        String faultId,
        TargetRef target,
        String probe,
        Instant injectedAt,
        Instant detectedAt,
        Instant lastFailedAt,
        Instant recoveredAt,
        Long timeToDetectMillis,
        Long timeToRecoverMillis,
        double availabilityPercent,
        int probesInWindow,
        int probesFailed,
        long resolutionMillis,
        Instant routedAwayAt,
        Instant circuitOpenedAt,
        Instant circuitHalfOpenAt,
        Instant circuitClosedAt,
        Long metricsResolutionMillis,
        FailureBreakdown failures,
        DegradedAnswers degraded,
        Instant platformDownAt,
        Instant platformUpAt,
        Instant platformHealthyAt,
        Long detectionResolutionMillis,
        Long recoveryResolutionMillis) {

    public RecoveryTimeline {
        Checks.start()
                .notBlank(faultId, "faultId")
                .notNull(target, "target")
                .notBlank(probe, "probe")
                .notNull(injectedAt, "injectedAt")
                .inRange(availabilityPercent, 0, 100, "availabilityPercent")
                .require(probesFailed >= 0 && probesFailed <= probesInWindow, "probesFailed",
                        "must be between 0 and probesInWindow")
                .require(resolutionMillis > 0, "resolutionMillis", "must be positive")
                .require(failures == null || failures.total() == probesFailed, "failures",
                        "must add up to probesFailed")
                .require(degraded == null || degraded.probesDegraded() <= probesInWindow - probesFailed, "degraded",
                        "only successful probes can be degraded")
                .require(detectionResolutionMillis == null || detectionResolutionMillis >= 0,
                        "detectionResolutionMillis", "must not be negative")
                .require(recoveryResolutionMillis == null || recoveryResolutionMillis >= 0,
                        "recoveryResolutionMillis", "must not be negative")
                .throwIfAny();
    }

    /** A timeline without the resolutions of its own transitions, as verdicts were written before they existed. */
    public RecoveryTimeline(String faultId, TargetRef target, String probe, Instant injectedAt, Instant detectedAt,
            Instant lastFailedAt, Instant recoveredAt, Long timeToDetectMillis, Long timeToRecoverMillis,
            double availabilityPercent, int probesInWindow, int probesFailed, long resolutionMillis,
            Instant routedAwayAt, Instant circuitOpenedAt, Instant circuitHalfOpenAt, Instant circuitClosedAt,
            Long metricsResolutionMillis, FailureBreakdown failures, DegradedAnswers degraded, Instant platformDownAt,
            Instant platformUpAt, Instant platformHealthyAt) {
        this(faultId, target, probe, injectedAt, detectedAt, lastFailedAt, recoveredAt, timeToDetectMillis,
                timeToRecoverMillis, availabilityPercent, probesInWindow, probesFailed, resolutionMillis, routedAwayAt,
                circuitOpenedAt, circuitHalfOpenAt, circuitClosedAt, metricsResolutionMillis, failures, degraded,
                platformDownAt, platformUpAt, platformHealthyAt, null, null);
    }

    /** A timeline without the platform's instants, as verdicts were written before they existed. */
    public RecoveryTimeline(String faultId, TargetRef target, String probe, Instant injectedAt, Instant detectedAt,
            Instant lastFailedAt, Instant recoveredAt, Long timeToDetectMillis, Long timeToRecoverMillis,
            double availabilityPercent, int probesInWindow, int probesFailed, long resolutionMillis,
            Instant routedAwayAt, Instant circuitOpenedAt, Instant circuitHalfOpenAt, Instant circuitClosedAt,
            Long metricsResolutionMillis, FailureBreakdown failures, DegradedAnswers degraded) {
        this(faultId, target, probe, injectedAt, detectedAt, lastFailedAt, recoveredAt, timeToDetectMillis,
                timeToRecoverMillis, availabilityPercent, probesInWindow, probesFailed, resolutionMillis, routedAwayAt,
                circuitOpenedAt, circuitHalfOpenAt, circuitClosedAt, metricsResolutionMillis, failures, degraded, null,
                null, null);
    }

    /** A timeline without degraded answers, as verdicts were written before they existed. */
    public RecoveryTimeline(String faultId, TargetRef target, String probe, Instant injectedAt, Instant detectedAt,
            Instant lastFailedAt, Instant recoveredAt, Long timeToDetectMillis, Long timeToRecoverMillis,
            double availabilityPercent, int probesInWindow, int probesFailed, long resolutionMillis,
            Instant routedAwayAt, Instant circuitOpenedAt, Instant circuitHalfOpenAt, Instant circuitClosedAt,
            Long metricsResolutionMillis, FailureBreakdown failures) {
        this(faultId, target, probe, injectedAt, detectedAt, lastFailedAt, recoveredAt, timeToDetectMillis,
                timeToRecoverMillis, availabilityPercent, probesInWindow, probesFailed, resolutionMillis, routedAwayAt,
                circuitOpenedAt, circuitHalfOpenAt, circuitClosedAt, metricsResolutionMillis, failures, null);
    }

    /** A timeline without its failure breakdown, as verdicts were written before it existed. */
    public RecoveryTimeline(String faultId, TargetRef target, String probe, Instant injectedAt, Instant detectedAt,
            Instant lastFailedAt, Instant recoveredAt, Long timeToDetectMillis, Long timeToRecoverMillis,
            double availabilityPercent, int probesInWindow, int probesFailed, long resolutionMillis,
            Instant routedAwayAt, Instant circuitOpenedAt, Instant circuitHalfOpenAt, Instant circuitClosedAt,
            Long metricsResolutionMillis) {
        this(faultId, target, probe, injectedAt, detectedAt, lastFailedAt, recoveredAt, timeToDetectMillis,
                timeToRecoverMillis, availabilityPercent, probesInWindow, probesFailed, resolutionMillis, routedAwayAt,
                circuitOpenedAt, circuitHalfOpenAt, circuitClosedAt, metricsResolutionMillis, null);
    }

    /** A timeline from probes only, as before load-balancer and circuit-breaker times existed. */
    public RecoveryTimeline(String faultId, TargetRef target, String probe, Instant injectedAt, Instant detectedAt,
            Instant lastFailedAt, Instant recoveredAt, Long timeToDetectMillis, Long timeToRecoverMillis,
            double availabilityPercent, int probesInWindow, int probesFailed, long resolutionMillis) {
        this(faultId, target, probe, injectedAt, detectedAt, lastFailedAt, recoveredAt, timeToDetectMillis,
                timeToRecoverMillis, availabilityPercent, probesInWindow, probesFailed, resolutionMillis, null, null,
                null, null, null, null);
    }

    /** The same timeline with the times seen on the load balancer and the circuit breaker. */
    public RecoveryTimeline withPatterns(Instant routedAway, Instant opened, Instant halfOpen, Instant closed,
            Long metricsResolution) {
        return new RecoveryTimeline(faultId, target, probe, injectedAt, detectedAt, lastFailedAt, recoveredAt,
                timeToDetectMillis, timeToRecoverMillis, availabilityPercent, probesInWindow, probesFailed,
                resolutionMillis, routedAway, opened, halfOpen, closed, metricsResolution, failures, degraded,
                platformDownAt, platformUpAt, platformHealthyAt, detectionResolutionMillis, recoveryResolutionMillis);
    }

    /** The same timeline with its failures broken down by cause. */
    public RecoveryTimeline withFailures(FailureBreakdown breakdown) {
        return new RecoveryTimeline(faultId, target, probe, injectedAt, detectedAt, lastFailedAt, recoveredAt,
                timeToDetectMillis, timeToRecoverMillis, availabilityPercent, probesInWindow, probesFailed,
                resolutionMillis, routedAwayAt, circuitOpenedAt, circuitHalfOpenAt, circuitClosedAt,
                metricsResolutionMillis, breakdown, degraded, platformDownAt, platformUpAt, platformHealthyAt,
                detectionResolutionMillis, recoveryResolutionMillis);
    }

    /** The same timeline with its degraded answers. */
    public RecoveryTimeline withDegraded(DegradedAnswers answers) {
        return new RecoveryTimeline(faultId, target, probe, injectedAt, detectedAt, lastFailedAt, recoveredAt,
                timeToDetectMillis, timeToRecoverMillis, availabilityPercent, probesInWindow, probesFailed,
                resolutionMillis, routedAwayAt, circuitOpenedAt, circuitHalfOpenAt, circuitClosedAt,
                metricsResolutionMillis, failures, answers, platformDownAt, platformUpAt, platformHealthyAt,
                detectionResolutionMillis, recoveryResolutionMillis);
    }

    /** The same timeline with the target's own down, up and healthy instants as the platform reported them. */
    public RecoveryTimeline withPlatform(Instant downAt, Instant upAt, Instant healthyAt) {
        return new RecoveryTimeline(faultId, target, probe, injectedAt, detectedAt, lastFailedAt, recoveredAt,
                timeToDetectMillis, timeToRecoverMillis, availabilityPercent, probesInWindow, probesFailed,
                resolutionMillis, routedAwayAt, circuitOpenedAt, circuitHalfOpenAt, circuitClosedAt,
                metricsResolutionMillis, failures, degraded, downAt, upAt, healthyAt, detectionResolutionMillis,
                recoveryResolutionMillis);
    }

    /**
     * The same timeline with the resolution of its detection and of its recovery (each null when it has no such
     * instant).
     */
    public RecoveryTimeline withTransitionResolutions(Long detection, Long recovery) {
        return new RecoveryTimeline(faultId, target, probe, injectedAt, detectedAt, lastFailedAt, recoveredAt,
                timeToDetectMillis, timeToRecoverMillis, availabilityPercent, probesInWindow, probesFailed,
                resolutionMillis, routedAwayAt, circuitOpenedAt, circuitHalfOpenAt, circuitClosedAt,
                metricsResolutionMillis, failures, degraded, platformDownAt, platformUpAt, platformHealthyAt, detection,
                recovery);
    }

    /** The resolution of {@code detectedAt}: its own when measured, else (older verdicts) the probe interval. */
    public long detectionResolution() {
        return detectionResolutionMillis != null ? detectionResolutionMillis : resolutionMillis;
    }

    /** The resolution of {@code recoveredAt}: its own when measured, else (older verdicts) the probe interval. */
    public long recoveryResolution() {
        return recoveryResolutionMillis != null ? recoveryResolutionMillis : resolutionMillis;
    }

    public boolean recovered() {
        return recoveredAt != null;
    }

    /**
     * Probes were taken after the injection and none failed: there was nothing to recover from, which is neither
     * "recovered" nor "not recovered".
     */
    public boolean neverFailed() {
        return probesInWindow > 0 && probesFailed == 0;
    }

    /** How the probe came out of the fault, in the one wording every report and the CLI use. */
    public Recovery recovery() {
        if (probesInWindow == 0) {
            return Recovery.NOT_MEASURED;
        }
        if (probesFailed == 0) {
            return Recovery.NEVER_FAILED;
        }
        return recovered() ? Recovery.RECOVERED : Recovery.NOT_RECOVERED;
    }

    /** How one timeline ended: recovered, failing until the end, never failed, or no probe taken. */
    public enum Recovery {
        RECOVERED("recovered"),
        NOT_RECOVERED("not recovered"),
        NEVER_FAILED("never failed"),
        NOT_MEASURED("no probe in the window");

        private final String words;

        Recovery(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        /** Whether the probe failed at all, so that detection and recovery times exist. */
        public boolean probeFailed() {
            return this == RECOVERED || this == NOT_RECOVERED;
        }
    }
}
