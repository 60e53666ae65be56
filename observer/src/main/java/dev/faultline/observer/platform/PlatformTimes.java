package dev.faultline.observer.platform;

import dev.faultline.common.event.TargetState;
import dev.faultline.common.event.TargetStateChanged;
import dev.faultline.common.verdict.RecoveryTimeline;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Places the platform's own instants for a fault's target on its recovery timeline: when Docker said the container
 * went down, when it (or a replacement of the same Compose service) ran again after that, and when Docker's health
 * check called it healthy after that. The first of each counts, in Docker's time order; a target that never went
 * down has neither up nor healthy instant, since there was nothing for the platform to bring back.
 */
public final class PlatformTimes {

    private PlatformTimes() {
    }

    public static RecoveryTimeline addTo(RecoveryTimeline timeline, List<TargetStateChanged> states) {
        List<TargetStateChanged> ofFault = states.stream()
                .filter(s -> s.faultId().equals(timeline.faultId()))
                .sorted(Comparator.comparing(TargetStateChanged::at))
                .toList();
        Instant down = first(ofFault, TargetState.DOWN, null);
        Instant up = down == null ? null : first(ofFault, TargetState.UP, down);
        Instant healthy = up == null ? null : first(ofFault, TargetState.HEALTHY, up);
        if (down == null) {
            return timeline;
        }
        return timeline.withPlatform(down, up, healthy);
    }

    private static Instant first(List<TargetStateChanged> states, TargetState state, Instant notBefore) {
        return states.stream()
                .filter(s -> s.state() == state)
                .map(TargetStateChanged::at)
                .filter(at -> notBefore == null || !at.isBefore(notBefore))
                .findFirst().orElse(null);
    }
}
