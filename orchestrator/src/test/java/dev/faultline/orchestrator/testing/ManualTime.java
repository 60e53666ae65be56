package dev.faultline.orchestrator.testing;

import dev.faultline.orchestrator.run.RunTimer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A clock that moves only when told, and the run timer that goes with it: {@link #advance} moves the clock step by
 * step to each due task and runs it there, in time order (tasks due at the same instant in the order they were set),
 * so a test sees exactly what the coordinator does at each instant.
 */
public final class ManualTime extends Clock implements RunTimer {

    private record Task(Instant at, long order, Runnable step) {
    }

    private final List<Task> pending = new ArrayList<>();
    private Instant now;
    private long scheduled;

    public ManualTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized void at(Instant when, Runnable step) {
        pending.add(new Task(when, scheduled++, step));
    }

    /** Moves the clock forward by {@code by}, running every task that falls due on the way. */
    public void advance(Duration by) {
        Instant target = now.plus(by);
        while (true) {
            Task next;
            synchronized (this) {
                next = pending.stream().filter(t -> !t.at().isAfter(target))
                        .min(Comparator.comparing(Task::at).thenComparing(Task::order)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                pending.remove(next);
                if (next.at().isAfter(now)) {
                    now = next.at();
                }
            }
            next.step().run();
        }
    }

    /** How many tasks wait for a later instant. */
    public synchronized int pendingTasks() {
        return pending.size();
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests use UTC");
    }
}
