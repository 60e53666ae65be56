package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;

/**
 * One objective and what was measured against it.
 *
 * @param objective  its name: {@code max-recovery-time}, {@code min-availability}, ...
 * @param unit       {@code ms}, {@code percent}, ...
 * @param threshold  the limit the experiment set
 * @param measured   the worst value seen (null when nothing was measured)
 * @param method     how it was measured and with what resolution, in words
 */
public record SloResult(String objective, String unit, double threshold, Double measured, SloStatus status,
        String method) {

    public SloResult {
        Checks.start()
                .notBlank(objective, "objective")
                .notBlank(unit, "unit")
                .notNull(status, "status")
                .notBlank(method, "method")
                .require(status != SloStatus.NO_DATA || measured == null, "measured", "must be absent when NO_DATA")
                .throwIfAny();
    }

    public boolean passed() {
        return status == SloStatus.PASS;
    }
}
