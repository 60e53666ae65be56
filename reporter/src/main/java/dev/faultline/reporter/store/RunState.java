package dev.faultline.reporter.store;

/** Where a run stands, as the run item's {@code state} attribute records it. */
public enum RunState {
    /** RunStarted seen. */
    RUNNING,
    /** RunFinished seen: the observation window closed, the verdict is pending. */
    FINISHED,
    /** RunAborted seen. */
    ABORTED,
    /** The verdict arrived and the reports are written. Final: later events do not move it back. */
    COMPLETED
}
