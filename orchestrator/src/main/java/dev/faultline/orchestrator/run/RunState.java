package dev.faultline.orchestrator.run;

/**
 * Where a run is. RUNNING covers warm-up, injection and observation; FINISHED means the observation window
 * closed and the observer's verdict is awaited; COMPLETED means the verdict arrived.
 */
public enum RunState {
    RUNNING,
    FINISHED,
    COMPLETED,
    ABORTED;

    public boolean terminal() {
        return this == COMPLETED || this == ABORTED;
    }
}
