package dev.faultline.agent.fault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * InjectFaults that arrived ahead of their {@code executeAt}, each waiting on its own timer task until the instant.
 * A revert or a halt that comes first cancels them ({@link #cancel}, {@link #cancelAll}): a fault asked back before
 * its instant is never applied. Nothing here survives the process: a waiting fault has not been applied (nor, for a
 * lasting one, written to the ledger), so a crash leaves nothing to revert.
 *
 * <p>Two timer threads: an injection runs its executor and publishes its event on the thread that woke up for it,
 * so that one slow apply does not make the next fault of the same instant late.
 */
final class AheadInjections {

    private static final Logger LOG = Logger.getLogger(AheadInjections.class);

    /** A fault waiting for its instant. */
    record Waiting(String faultId, String runId, Instant executeAt, ScheduledFuture<?> task) {
    }

    private final Clock clock;
    private final Map<String, Waiting> waiting = new HashMap<>();
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

    /** Runs {@code injection} at {@code executeAt} (on this agent's clock), unless it is cancelled before. */
    void schedule(String faultId, String runId, Instant executeAt, Runnable injection) {
        long delayNanos = Math.max(0, Duration.between(clock.instant(), executeAt).toNanos());
        // Under the lock: a task due at once must find itself registered, or it would take itself for cancelled.
        synchronized (waiting) {
            ScheduledFuture<?> task = timer.schedule(() -> {
                if (!started(faultId)) {
                    return; // cancelled while the timer woke up
                }
                try {
                    injection.run();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "fault %s (run %s) at %s failed", faultId, runId, executeAt);
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
            waiting.put(faultId, new Waiting(faultId, runId, executeAt, task));
        }
    }

    private boolean started(String faultId) {
        synchronized (waiting) {
            return waiting.remove(faultId) != null;
        }
    }

    /** @return the fault that was waiting, now cancelled; empty when none was (or it has already started) */
    Optional<Waiting> cancel(String faultId) {
        Waiting cancelled;
        synchronized (waiting) {
            cancelled = waiting.remove(faultId);
        }
        if (cancelled == null) {
            return Optional.empty();
        }
        cancelled.task().cancel(false);
        return Optional.of(cancelled);
    }

    /** Cancels every waiting fault (a halt). */
    List<Waiting> cancelAll() {
        List<String> faultIds;
        synchronized (waiting) {
            faultIds = List.copyOf(waiting.keySet());
        }
        return faultIds.stream().map(this::cancel).flatMap(Optional::stream).toList();
    }

    int size() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    void shutdown() {
        cancelAll();
        timer.shutdownNow();
    }
}
