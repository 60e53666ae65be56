package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.time.Duration;

/**
 * The objectives a run is judged by.
 *
 * @param maxRecoveryTime         longest acceptable time from injection to sustained recovery (RTO)
 * @param minAvailabilityPercent  lowest acceptable share of successful probes from injection to the end of the run
 * @param maxErrorRatePercent     highest acceptable share of failed requests from injection to the end of the run;
 *                                judged on the load test's requests (default 1 % when the experiment has a load
 *                                test), on probes only when set explicitly and there is no load test
 * @param maxP99Latency           highest acceptable 99th percentile of request latency in the same window; not
 *                                judged when absent
 * @param abortOnBreach           when true the orchestrator aborts the run as soon as the observer reports a
 *                                breach that is certain (SloBreached), reverting the faults early
 * @param minFullServiceAvailabilityPercent lowest acceptable share of probes neither failed nor degraded, for each
 *                                HTTP probe with {@code degraded:} set; not judged when absent
 */
public record Slos(Duration maxRecoveryTime, Double minAvailabilityPercent, Double maxErrorRatePercent,
        Duration maxP99Latency, Boolean abortOnBreach, Double minFullServiceAvailabilityPercent) {

    public static final Duration DEFAULT_MAX_RECOVERY = Duration.ofSeconds(30);
    public static final double DEFAULT_MIN_AVAILABILITY = 99.9;
    public static final double DEFAULT_MAX_ERROR_RATE = 1.0;

    public Slos {
        maxRecoveryTime = maxRecoveryTime == null ? DEFAULT_MAX_RECOVERY : maxRecoveryTime;
        minAvailabilityPercent = minAvailabilityPercent == null ? DEFAULT_MIN_AVAILABILITY : minAvailabilityPercent;
        abortOnBreach = abortOnBreach != null && abortOnBreach;
        Checks.start()
                .positive(maxRecoveryTime, "maxRecoveryTime")
                .inRange(minAvailabilityPercent, 0, 100, "minAvailabilityPercent")
                .inRange(maxErrorRatePercent, 0, 100, "maxErrorRatePercent")
                .positive(maxP99Latency, "maxP99Latency")
                .inRange(minFullServiceAvailabilityPercent, 0, 100, "minFullServiceAvailabilityPercent")
                .throwIfAny();
    }

    /** Without a full-service objective, as experiments were written before degraded answers existed. */
    public Slos(Duration maxRecoveryTime, Double minAvailabilityPercent, Double maxErrorRatePercent,
            Duration maxP99Latency, Boolean abortOnBreach) {
        this(maxRecoveryTime, minAvailabilityPercent, maxErrorRatePercent, maxP99Latency, abortOnBreach, null);
    }

    /** Recovery time and availability only, as experiments were written before the other objectives existed. */
    public Slos(Duration maxRecoveryTime, Double minAvailabilityPercent) {
        this(maxRecoveryTime, minAvailabilityPercent, null, null, null);
    }

    public static Slos defaults() {
        return new Slos(null, null);
    }

    /** The error-rate limit that applies when requests of a load test are judged. */
    public double errorRateLimitPercent() {
        return maxErrorRatePercent == null ? DEFAULT_MAX_ERROR_RATE : maxErrorRatePercent;
    }
}
