package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;

/**
 * Which of the matching containers to hit: {@code count} of them, or {@code percent} of them (rounded up, at
 * least one), picked at random or in a fixed order (by name). Without either, one container is hit.
 */
public record TargetSelection(Selector selector, Integer count, Integer percent, SelectionMode mode) {

    public TargetSelection {
        mode = mode == null ? SelectionMode.RANDOM : mode;
        Checks.start()
                .notNull(selector, "selector")
                .require(count == null || percent == null, "count", "give count or percent, not both")
                .inRange(count, 1, 1000, "count")
                .inRange(percent, 1, 100, "percent")
                .throwIfAny();
        if (count == null && percent == null) {
            count = 1;
        }
    }
}
