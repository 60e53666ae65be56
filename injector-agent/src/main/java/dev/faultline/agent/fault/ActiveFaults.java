package dev.faultline.agent.fault;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.faultline.common.command.HaltAll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The lasting faults in effect on this host, by fault id. Whoever removes a fault from here (its timer, a revert
 * request, a halt) is the one that reverts it: removal is atomic, so a fault is reverted once.
 */
@ApplicationScoped
public class ActiveFaults {

    private final RevertScheduler scheduler;
    private final ConcurrentMap<String, Entry> active = new ConcurrentHashMap<>();

    @Inject
    public ActiveFaults(RevertScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Remembers {@code fault} and hands it to {@code whenDue} once {@code duration} has passed, unless it was
     * removed before. A zero duration means no timer: the fault stays until it is reverted on request or halted.
     */
    public void track(ActiveFault fault, Duration duration, Consumer<ActiveFault> whenDue) {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(duration, "duration");
        if (active.putIfAbsent(fault.faultId(), new Entry(fault, null)) != null) {
            throw new IllegalStateException("fault " + fault.faultId() + " is already active");
        }
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        RevertScheduler.Handle handle = scheduler.schedule(duration,
                () -> remove(fault.faultId()).ifPresent(whenDue));
        // The timer may already have fired and removed the entry: then there is nothing to attach it to.
        active.computeIfPresent(fault.faultId(), (id, entry) -> new Entry(entry.fault(), handle));
    }

    public boolean isActive(String faultId) {
        return active.containsKey(faultId);
    }

    /** Takes the fault out (cancelling its timer); empty when it is not active. */
    public Optional<ActiveFault> remove(String faultId) {
        Entry entry = active.remove(faultId);
        if (entry == null) {
            return Optional.empty();
        }
        entry.cancelTimer();
        return Optional.of(entry.fault());
    }

    /** Takes out the faults a halt covers (commanded at or before it, {@link HaltFence#covers}). */
    public List<ActiveFault> removeCoveredBy(HaltAll halt) {
        List<ActiveFault> removed = new ArrayList<>();
        for (Entry entry : List.copyOf(active.values())) {
            if (HaltFence.covers(halt, entry.fault().command())) {
                remove(entry.fault().faultId()).ifPresent(removed::add);
            }
        }
        return removed;
    }

    /** Takes every fault of one run out, for an expired lease. */
    public List<ActiveFault> removeRun(String runId) {
        List<ActiveFault> removed = new ArrayList<>();
        for (Entry entry : List.copyOf(active.values())) {
            if (runId.equals(entry.fault().command().runId())) {
                remove(entry.fault().faultId()).ifPresent(removed::add);
            }
        }
        return removed;
    }

    /** The runs that have at least one fault in effect here. */
    public java.util.Set<String> runIds() {
        java.util.Set<String> runs = new java.util.HashSet<>();
        active.values().forEach(e -> runs.add(e.fault().command().runId()));
        return runs;
    }

    /** The faults in effect now, for the metrics' gauges. */
    public List<ActiveFault> snapshot() {
        return active.values().stream().map(Entry::fault).toList();
    }

    public int size() {
        return active.size();
    }

    private record Entry(ActiveFault fault, RevertScheduler.Handle timer) {
        void cancelTimer() {
            if (timer != null) {
                timer.cancel();
            }
        }
    }
}
