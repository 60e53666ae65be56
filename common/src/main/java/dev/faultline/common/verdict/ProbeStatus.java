package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.time.Instant;

/**
 * One probe as the observer sees it now, in a {@link RunProgress}.
 *
 * @param state               the last sample's state: {@code ok}, {@code failed} or {@code degraded} (see
 *                            {@link ProbeSegment}); {@code none} before the first sample
 * @param lastSampleAt        when the last sample was sent; null before the first
 * @param samples             samples taken since the run's observation started
 * @param failed              failed samples among them
 * @param availabilityPercent successful samples over all samples since the first injection, as the final
 *                            availability objective counts them; null before the first injection
 * @param lastStatus          the last sample's HTTP status; null when it had none (TCP probe, timeout, refused)
 * @param lastError           the last failed sample's error or failed condition; null when the last sample succeeded
 */
public record ProbeStatus(String probe, String state, Instant lastSampleAt, int samples, int failed,
        Double availabilityPercent, Integer lastStatus, String lastError) {

    public static final String NONE = "none";

    public ProbeStatus {
        Checks.start()
                .notBlank(probe, "probe")
                .require(NONE.equals(state) || ProbeSegment.OK.equals(state) || ProbeSegment.FAILED.equals(state)
                        || ProbeSegment.DEGRADED.equals(state), "state", "must be none, ok, failed or degraded")
                .require(samples >= 0 && failed >= 0 && failed <= samples, "failed", "must be between 0 and samples")
                .throwIfAny();
    }
}
