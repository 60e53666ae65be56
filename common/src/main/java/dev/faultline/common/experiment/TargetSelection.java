package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.util.Optional;

/**
 * Which containers to hit: those the {@code selector} matches, or the replicas of one {@code service}; then
 * {@code count} of them, or {@code percent} of them (rounded up, at least one), picked at random or in a fixed order
 * (by name). Without either, one is hit.
 *
 * @param service a Compose, Swarm or ECS service whose replicas are the candidates (instead of a selector); the
 *                observer then also samples the service's counts and times its recovery
 */
public record TargetSelection(Selector selector, Integer count, Integer percent, SelectionMode mode,
        ServiceTarget service) {

    public TargetSelection {
        mode = mode == null ? SelectionMode.RANDOM : mode;
        Checks.start()
                .require(selector != null || service != null, "selector", "is required (or give a service)")
                .require(selector == null || service == null, "service", "give a selector or a service, not both")
                .require(count == null || percent == null, "count", "give count or percent, not both")
                .inRange(count, 1, 1000, "count")
                .inRange(percent, 1, 100, "percent")
                .throwIfAny();
        if (count == null && percent == null) {
            count = 1;
        }
    }

    /** A selection by selector, as before services existed. */
    public TargetSelection(Selector selector, Integer count, Integer percent, SelectionMode mode) {
        this(selector, count, percent, mode, null);
    }

    /**
     * The selector that matches the candidate containers on Docker hosts: the given one, or the service's labels;
     * empty for an ECS service, whose tasks only the ECS API lists.
     */
    public Optional<Selector> containerSelector() {
        return selector != null ? Optional.of(selector) : service.containerSelector();
    }
}
