package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.time.Duration;

/**
 * The objectives a run is judged by.
 *
 * @param maxRecoveryTime         longest acceptable time from injection to sustained recovery (RTO)
 * @param minAvailabilityPercent  lowest acceptable share of successful probes from injection to the end of the run
 */
public record Slos(Duration maxRecoveryTime, Double minAvailabilityPercent) {

    public static final Duration DEFAULT_MAX_RECOVERY = Duration.ofSeconds(30);
    public static final double DEFAULT_MIN_AVAILABILITY = 99.9;

    public Slos {
        maxRecoveryTime = maxRecoveryTime == null ? DEFAULT_MAX_RECOVERY : maxRecoveryTime;
        minAvailabilityPercent = minAvailabilityPercent == null ? DEFAULT_MIN_AVAILABILITY : minAvailabilityPercent;
        Checks.start()
                .positive(maxRecoveryTime, "maxRecoveryTime")
                .inRange(minAvailabilityPercent, 0, 100, "minAvailabilityPercent")
                .throwIfAny();
    }

    public static Slos defaults() {
        return new Slos(null, null);
    }
}
