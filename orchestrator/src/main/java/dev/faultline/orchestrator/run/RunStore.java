package dev.faultline.orchestrator.run;

import java.time.Instant;
import java.util.List;

/**
 * Where the orchestrator's runs outlive its process. The registry is in memory; without this store a kill -9 forgot
 * every run, and a run whose RunFinished or RunAborted was never sent stayed RUNNING in the reporter's table for
 * good. A restarted orchestrator loads the runs back (see {@link RunCoordinator#recover}): it cannot resume a run,
 * whose timers, lease renewals and load test died with the old process, so it ends the active ones as aborted, and it
 * still answers for the ended ones.
 */
public interface RunStore {

    /** Writes the run's current state; throws {@link RunStoreException} when it cannot. */
    void save(Run run);

    /** The stored runs, as last saved; ended runs older than the store's retention are dropped (and deleted). */
    List<Run> load(Instant now);

    /** Where the runs are, for log lines. */
    String describe();

    /** The store could not be read or written. */
    final class RunStoreException extends RuntimeException {
        public RunStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
