package dev.faultline.observer.breaker;

import dev.faultline.common.verdict.BreakerTimeline;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.observer.breaker.SharedBreakerFinding.OpenInterval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cause, not a symptom: a probe's time to recover was mostly a circuit breaker's wait in its open state. The
 * probe came back only once the breaker stopped rejecting calls, and the breaker had been open for at least half of
 * that time to recover, so shortening the outage of the dependency would not have helped: the breaker's wait
 * ({@code waitDurationInOpenState} in Resilience4j, {@code delay} in SmallRye) sets the recovery time. An SRE tunes
 * that wait, or a half-open probe, rather than the dependency.
 *
 * <p>The finding cites the two instants it rests on (the poll that first showed the breaker open and the one that
 * first showed it no longer rejecting) and the probe's recovery instant, each with its resolution.
 */
public final class BreakerWaitFinding {

    /** The share of the time to recover the breaker's open state must cover to be called dominant. */
    static final double DOMINANT_SHARE = 0.5;

    private BreakerWaitFinding() {
    }

    public static List<String> find(List<BreakerTimeline> breakers, List<RecoveryTimeline> timelines,
            Instant windowEnd) {
        List<String> findings = new ArrayList<>();
        for (RecoveryTimeline t : timelines) {
            if (t.detectedAt() == null || t.recoveredAt() == null || t.timeToRecoverMillis() == null
                    || t.timeToRecoverMillis() <= 0) {
                continue;
            }
            for (BreakerTimeline breaker : breakers) {
                for (OpenInterval open : SharedBreakerFinding.openIntervals(breaker, windowEnd)) {
                    dominated(t, breaker, open).ifPresent(findings::add);
                }
            }
        }
        return findings;
    }

    private static java.util.Optional<String> dominated(RecoveryTimeline t, BreakerTimeline breaker,
            OpenInterval open) {
        if (open.left() == null || !open.opened().at().isBefore(t.recoveredAt())) {
            return java.util.Optional.empty();
        }
        // The probe must have come back only after the breaker let calls through again: within the polls that
        // bound its leaving the open state (or its closing after half-open), plus one probe interval.
        long slack = breaker.resolutionMillis() + t.resolutionMillis();
        Instant letThrough = open.closedFrom() == null ? open.end() : open.closedFrom();
        if (t.recoveredAt().isBefore(open.lastSeenOpen()) || t.recoveredAt().isAfter(letThrough.plusMillis(slack))) {
            return java.util.Optional.empty();
        }
        Instant waitFrom = open.opened().at().isAfter(t.injectedAt()) ? open.opened().at() : t.injectedAt();
        long waitMillis = Duration.between(waitFrom, open.end()).toMillis();
        if (waitMillis < DOMINANT_SHARE * t.timeToRecoverMillis()) {
            return java.util.Optional.empty();
        }
        StringBuilder f = new StringBuilder("recovery dominated by a circuit breaker's wait: probe ").append(t.probe())
                .append(" took ").append(seconds(t.timeToRecoverMillis())).append(" to recover from fault ")
                .append(t.faultId()).append(" on ").append(t.target().containerName()).append("; breaker ")
                .append(breaker.breaker()).append(" (").append(breaker.library()).append(") was open from ")
                .append(open.opened().at()).append(" to ").append(open.end()).append(", ")
                .append(seconds(waitMillis)).append(" of it (")
                .append(Math.round(100.0 * waitMillis / t.timeToRecoverMillis())).append(" %), and the probe passed")
                .append(" again from ").append(t.recoveredAt()).append(", only once the breaker stopped rejecting")
                .append(" calls: its wait in the open state, not the dependency, set the time to recover");
        f.append("; evidence: ").append(breaker.series()).append(" at ").append(breaker.metricsUrl())
                .append(" showed ").append(open.opened().state()).append(" first at the poll of ")
                .append(open.opened().at()).append(" and ").append(open.left().state())
                .append(" first at the poll of ").append(open.left().at()).append(" (resolution ")
                .append(breaker.resolutionMillis()).append(" ms); the probe's recovery by send time (resolution ")
                .append(t.resolutionMillis()).append(" ms)");
        return java.util.Optional.of(f.toString());
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
