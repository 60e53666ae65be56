package dev.faultline.orchestrator.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * Stores runs for the frequent, small moves that need not be stored before anything else happens: a fault's
 * outcome (injected, failed, reverted). The orchestrator hears those on the one thread that also feeds the agent
 * directory with heartbeats, and a run's item is rewritten whole at every save (DynamoDbRunStore), so storing each
 * outcome there made a fan-out to 1000 targets cost 1000 rewrites of a growing item before the heartbeats queued
 * behind them were seen (bench/scale.sh, docs/scaling.md).
 *
 * <p>Here a run asked to be stored is marked dirty and one save is queued on the writer's executor; however many
 * outcomes arrive before it runs, that save writes the run as it is then ({@link Run#view()} at the save), and an
 * outcome that arrives during a save queues one more. So every outcome is stored, within about one save's time, by
 * a handful of saves. A write never moves a stored run back (the store's lifecycle condition), so a coalesced save
 * racing the coordinator's own, immediate saves of a transition does no harm.
 */
public final class CoalescingRunWriter {

    private static final Logger LOG = Logger.getLogger(CoalescingRunWriter.class);

    private final RunStore store;
    private final Executor writer;
    private final Map<String, Run> dirty = new ConcurrentHashMap<>();

    /** @param writer runs the saves, one at a time in submission order (a single thread) */
    public CoalescingRunWriter(RunStore store, Executor writer) {
        this.store = store;
        this.writer = writer;
    }

    /** Stores {@code run} soon, together with whatever else changes on it before the save runs. */
    public void storeSoon(Run run) {
        if (dirty.put(run.id(), run) == null) {
            writer.execute(() -> save(run.id()));
        }
    }

    private void save(String runId) {
        Run run = dirty.remove(runId);
        if (run == null) {
            return;
        }
        try {
            store.save(run);
        } catch (RuntimeException e) {
            // As the coordinator's own saves: the run has moved on regardless; a restart resolves a store behind it.
            LOG.errorf("run %s: %s", runId, e.getMessage());
        }
    }
}
