package dev.faultline.orchestrator.schedule;

/** Why an occurrence started no run; {@link #code()} is the {@code reasonCode} of {@code run-skipped}. */
public enum SkipReason {
    /** Its start passed while no orchestrator was running (or more than the late tolerance ago). */
    MISSED("missed"),
    /** Faultline was halted and no operator has resumed schedules since. */
    HALTED("halted"),
    /** The schedule's previous run has not ended. */
    RUN_STILL_ACTIVE("run-still-active"),
    /** A fault step's target is not running (no agent reports it running): the target was already down. */
    TARGET_DOWN("target-down"),
    /** A steady-state probe (or the dry run's preflight) already failed before any fault. */
    STEADY_STATE_FAILING("steady-state-failing"),
    /** The run could not be planned or started (blast radius, capabilities, broker, store, unreadable experiment). */
    NOT_STARTABLE("not-startable");

    private final String code;

    SkipReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
