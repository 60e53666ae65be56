package dev.faultline.common.run;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one lifecycle of a run, shared by every service that records where a run stands: the orchestrator (which
 * drives it), the observer (which watches it) and the reporter (which stores it). A run starts {@link #RUNNING}
 * (warm-up, injection and observation), becomes {@link #FINISHED} when its observation window closes and the verdict
 * is awaited, and ends {@link #COMPLETED} when the verdict arrives, or {@link #ABORTED} at any point before that.
 * An ended run never moves again, so a late or redelivered event cannot move a run backwards.
 */
public enum RunState {
    RUNNING,
    FINISHED,
    COMPLETED,
    ABORTED;

    /** Where every run begins. */
    public static RunState initial() {
        return RUNNING;
    }

    /** Whether the run has ended: no move leaves this state. */
    public boolean terminal() {
        return next().isEmpty();
    }

    /** The states this one may move to. */
    public Set<RunState> next() {
        return switch (this) {
            // A verdict may overtake the end of the window (both race on Kafka), hence RUNNING → COMPLETED.
            case RUNNING -> Collections.unmodifiableSet(EnumSet.of(FINISHED, COMPLETED, ABORTED));
            case FINISHED -> Collections.unmodifiableSet(EnumSet.of(COMPLETED, ABORTED));
            case COMPLETED, ABORTED -> Set.of();
        };
    }

    public boolean canMoveTo(RunState target) {
        return next().contains(target);
    }

    /** Why a move from this state to {@code target} is refused; empty when it is allowed. */
    public Optional<String> refusal(RunState target) {
        if (canMoveTo(target)) {
            return Optional.empty();
        }
        if (this == target) {
            return Optional.of("the run is " + this + " already");
        }
        if (terminal()) {
            return Optional.of("the run has ended " + this + "; it cannot become " + target);
        }
        return Optional.of("a " + this + " run cannot go back to " + target);
    }

    /**
     * The states a run may be in to move to this one: what a conditional write (a DynamoDB condition expression, a
     * compare-and-set) requires of the stored state.
     */
    public Set<RunState> allowedFrom() {
        EnumSet<RunState> from = EnumSet.noneOf(RunState.class);
        Arrays.stream(values()).filter(s -> s.canMoveTo(this)).forEach(from::add);
        return Collections.unmodifiableSet(from);
    }
}
