package dev.faultline.orchestrator.schedule;

import dev.faultline.common.experiment.Experiment;
import java.util.Optional;

/** What the schedule engine needs of the runs: the pre-check, the start, and whether a run is still going. */
public interface ScheduledRuns {

    /**
     * Why a run of {@code experiment} should not start now (its targets are down, a steady-state probe already fails,
     * the dry run refuses it), or empty when it may.
     */
    Optional<Skip> precheck(Experiment experiment);

    /** Starts a run as {@code POST /api/v1/runs} does and returns its id; throws what that start throws. */
    String start(Schedule schedule, Experiment experiment);

    /** Whether the run has not ended (as far as this instance knows it). */
    boolean active(String runId);
}
