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
        long resolutionMillis) {

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
                .throwIfAny();
    }

    public boolean recovered() {
        return recoveredAt != null;
    }
}
