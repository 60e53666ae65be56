package dev.faultline.orchestrator.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the orchestrator's runs outlive its process, and the run history the API answers from. The registry is in
 * memory and holds the live runs; without this store a kill -9 forgot every run, and a run whose RunFinished or
 * RunAborted was never sent stayed RUNNING in the reporter's table for good. A restarted orchestrator loads the
 * active runs back (see {@link RunCoordinator#recover}): it cannot resume a run, whose timers and lease renewals died
 * with the old process, so it ends the active ones as aborted; ended runs are answered from here.
 */
public interface RunStore {

    /** Writes the run's current state; throws {@link RunStoreException} when it cannot. */
    void save(Run run);

    /**
     * The runs that had not ended when last saved (RUNNING, FINISHED). Ended runs older than the store's retention
     * are deleted on the way.
     */
    List<Run> loadActive(Instant now);

    /** The run as last saved, empty when it is not stored (never was, or past the retention). */
    Optional<Run> find(String runId);

    /** A page of the stored runs that match the query, newest first. */
    RunPage list(RunQuery query);

    /** Where the runs are, for log lines. */
    String describe();

    /** The store could not be read or written. */
    final class RunStoreException extends RuntimeException {
        public RunStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
