package dev.faultline.observer.platform;

import dev.faultline.common.verdict.RecoveryTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares when the platform said a target was back with when the service answered again. A probe that recovered
 * much later than its container ran again points at the service's own recovery (warm-up, a breaker's wait,
 * re-registration), not at the platform's restart; a container that never ran again points at the platform.
 */
public final class PlatformRecoveryFinding {

    /** Below this, the gap is the probe's resolution and a normal start-up, not a finding. */
    static final Duration MIN_GAP = Duration.ofSeconds(5);
    /** The gap must also exceed this many probe intervals, so that a slow probe does not make one. */
    static final int MIN_GAP_IN_INTERVALS = 3;

    private PlatformRecoveryFinding() {
    }

    public static List<String> find(List<RecoveryTimeline> timelines) {
        List<String> findings = new ArrayList<>();
        for (RecoveryTimeline t : timelines) {
            if (t.platformDownAt() == null || !t.recovery().probeFailed()) {
                continue;
            }
            if (t.platformUpAt() == null) {
                if (!t.recovered()) {
                    findings.add("probe " + t.probe() + " (fault " + t.faultId() + " on " + t.target()
                            + ") did not recover, and Docker never reported the container running again after it"
                            + " went down at " + t.platformDownAt() + ": nothing restarted it (no restart policy,"
                            + " or a stop it respected); evidence: " + evidence(t));
                }
                continue;
            }
            if (!t.recovered()) {
                continue;
            }
            Duration gap = Duration.between(t.platformUpAt(), t.recoveredAt());
            Duration bound = MIN_GAP.compareTo(Duration.ofMillis(t.resolutionMillis() * MIN_GAP_IN_INTERVALS)) > 0
                    ? MIN_GAP : Duration.ofMillis(t.resolutionMillis() * MIN_GAP_IN_INTERVALS);
            if (gap.compareTo(bound) <= 0) {
                continue;
            }
            String healthy = t.platformHealthyAt() == null ? ""
                    : " (its Docker health check passed at " + t.platformHealthyAt() + ")";
            findings.add("probe " + t.probe() + " (fault " + t.faultId() + " on " + t.target() + "): the container"
                    + " was running again at " + t.platformUpAt() + " (Docker start), "
                    + seconds(t.injectedAt(), t.platformUpAt()) + " after the injection" + healthy
                    + ", but the probe recovered only at " + t.recoveredAt() + ", " + seconds(t.platformUpAt(),
                            t.recoveredAt()) + " later: the service's own recovery (warm-up, breaker wait,"
                    + " re-registration) took the rest; evidence: " + evidence(t));
        }
        return findings;
    }

    private static String evidence(RecoveryTimeline t) {
        return "the agent's target-state-changed events (Docker's event times, on the target host's clock) and"
                + " probe " + t.probe() + "'s samples every " + t.resolutionMillis() + " ms";
    }

    private static String seconds(Instant from, Instant to) {
        return String.format(Locale.ROOT, "%.1f s", Duration.between(from, to).toMillis() / 1000.0);
    }
}
