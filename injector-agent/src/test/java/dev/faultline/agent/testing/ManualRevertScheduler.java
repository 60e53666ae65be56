package dev.faultline.agent.testing;

import dev.faultline.agent.fault.RevertScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs scheduled reverts when the test advances its clock past their due time, on the test's thread. */
public class ManualRevertScheduler implements RevertScheduler {

    private final MutableClock clock;
    private final List<Task> tasks = new ArrayList<>();

    public ManualRevertScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Handle schedule(Duration delay, Runnable revert) {
        Task task = new Task(clock.instant().plus(delay), revert);
        tasks.add(task);
        return () -> {
            synchronized (ManualRevertScheduler.this) {
                tasks.remove(task);
            }
        };
    }

    /** Moves the clock and runs, in due order, every task that has come due. */
    public void advance(Duration by) {
        clock.advance(by);
        List<Task> due;
        synchronized (this) {
            due = tasks.stream().filter(t -> !t.due().isAfter(clock.instant()))
                    .sorted(Comparator.comparing(Task::due)).toList();
            tasks.removeAll(due);
        }
        due.forEach(t -> t.action().run());
    }

    public synchronized int pending() {
        return tasks.size();
    }

    private record Task(Instant due, Runnable action) {
    }
}
