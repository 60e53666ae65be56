package dev.faultline.orchestrator.schedule;

import java.time.Duration;
import java.util.List;

/**
 * When a schedule's runs are due: a Quartz cron expression (seconds first, see docs/schedules.md) read in
 * {@code zone}, kept to the allowed {@code windows} (none: any time), each occurrence delayed by a random offset of
 * at most {@code randomOffset} (staying inside its window and before the next occurrence), and announced
 * {@code announceAhead} before it starts (zero: not announced).
 */
public record Timing(String cron, String zone, List<AllowedWindow> windows, Duration randomOffset,
        Duration announceAhead) {

    public Timing {
        windows = windows == null ? List.of() : List.copyOf(windows);
        randomOffset = randomOffset == null ? Duration.ZERO : randomOffset;
        announceAhead = announceAhead == null ? Duration.ZERO : announceAhead;
    }
}
