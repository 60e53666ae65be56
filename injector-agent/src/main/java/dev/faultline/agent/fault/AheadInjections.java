package dev.faultline.agent.fault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * InjectFaults that arrived ahead of their {@code executeAt}. Each is prepared at once (its target inspected) and
 * carried out at its instant on one of two timer threads, so the consumer thread goes back to Kafka at once and one
 * slow apply does not make the next fault of the same instant late.
 *
 * <p>A revert or a halt for such a fault ({@link #cancel}): while it waits, it is cancelled and never applied; while
 * its apply runs, the revert is kept and done as soon as the apply has finished, so a fault asked back during its own
 * apply does not outlive the request. Nothing here survives the process: a waiting fault has not been applied (nor,
 * for a lasting one, written to the ledger), so a crash leaves nothing to revert.
 */
final class AheadInjections {

    private static final Logger LOG = Logger.getLogger(AheadInjections.class);

    /** What a revert or halt found of a fault sent ahead. */
    enum Cancellation {
        /** It was waiting for its instant: it will not be applied. */
        CANCELLED,
        /** Its apply was running: the revert is done once the apply has finished. */
        AFTER_APPLY,
        /** Not here: never sent ahead, or already carried out. */
        UNKNOWN
    }

    /** A fault sent ahead, from its arrival until its apply has finished. */
    private static final class Entry {
        final String runId;
        final Instant issuedAt;
        final Instant executeAt;
        ScheduledFuture<?> task;
        boolean running;
        RevertCause revertAfterApply; // set by a revert that came while the apply ran

        Entry(String runId, Instant issuedAt, Instant executeAt) {
            this.runId = runId;
            this.issuedAt = issuedAt;
            this.executeAt = executeAt;
        }
    }

    /** One fault that a halt or revert cancelled before its apply. */
    record Cancelled(String faultId, String runId, Instant executeAt) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>(); // guarded by itself
    private final ScheduledThreadPoolExecutor timer;

    AheadInjections(Clock clock) {
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "faultline-execute-at");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs {@code prepare} now and {@code act} at {@code executeAt} (this agent's clock), both on a timer thread,
     * unless cancelled before; {@code revert} is called with the cause of a revert that came while {@code act} ran.
     */
    void schedule(String faultId, String runId, Instant issuedAt, Instant executeAt, Runnable prepare, Runnable act,
            Consumer<RevertCause> revert) {
        Entry entry = new Entry(runId, issuedAt, executeAt);
        synchronized (entries) {
            entries.put(faultId, entry);
            entry.task = timer.schedule(() -> {
                run(faultId, prepare);
                synchronized (entries) {
                    if (entries.get(faultId) != entry) {
                        return; // cancelled while it was prepared
                    }
                    long delay = Math.max(0, Duration.between(clock.instant(), executeAt).toNanos());
                    entry.task = timer.schedule(() -> act(faultId, entry, act, revert), delay, TimeUnit.NANOSECONDS);
                }
            }, 0, TimeUnit.NANOSECONDS);
        }
    }

    private void act(String faultId, Entry entry, Runnable act, Consumer<RevertCause> revert) {
        synchronized (entries) {
            if (entries.get(faultId) != entry) {
                return; // cancelled while the timer woke up
            }
            entry.running = true;
        }
        run(faultId, act);
        RevertCause cause;
        synchronized (entries) {
            entries.remove(faultId);
            cause = entry.revertAfterApply;
        }
        if (cause != null) {
            revert.accept(cause);
        }
    }

    private void run(String faultId, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "fault %s: a step of its injection failed", faultId);
        }
    }

    /** A revert (or halt, by {@code cause}) of one fault sent ahead. */
    Cancellation cancel(String faultId, RevertCause cause) {
        synchronized (entries) {
            Entry entry = entries.get(faultId);
            if (entry == null) {
                return Cancellation.UNKNOWN;
            }
            if (entry.running) {
                entry.revertAfterApply = cause;
                return Cancellation.AFTER_APPLY;
            }
            entries.remove(faultId);
            entry.task.cancel(false);
            return Cancellation.CANCELLED;
        }
    }

    /**
     * A halt: every fault sent ahead whose command was issued up to {@code issuedUpTo} is cancelled, or reverted right
     * after its running apply; those issued later (a run started after the halt) wait on.
     */
    List<Cancelled> cancelIssuedUpTo(Instant issuedUpTo) {
        List<Cancelled> cancelled = new ArrayList<>();
        synchronized (entries) {
            for (String faultId : List.copyOf(entries.keySet())) {
                Entry entry = entries.get(faultId);
                if (!HaltFence.covers(issuedUpTo, entry.issuedAt)) {
                    continue;
                }
                if (cancel(faultId, RevertCause.HALTED) == Cancellation.CANCELLED) {
                    cancelled.add(new Cancelled(faultId, entry.runId, entry.executeAt));
                }
            }
        }
        return cancelled;
    }

    Optional<Instant> executeAt(String faultId) {
        synchronized (entries) {
            return Optional.ofNullable(entries.get(faultId)).map(e -> e.executeAt);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    void shutdown() {
        cancelIssuedUpTo(Instant.MAX);
        timer.shutdownNow();
    }
}
