package dev.faultline.orchestrator.run;

import dev.faultline.common.run.RunState;
import dev.faultline.common.verdict.Verdict;
import java.time.Instant;

/**
 * Which stored runs to list, newest first: every filter is optional (null), {@code after} continues a listing after
 * the last run of a previous page.
 *
 * @param since runs created at or after this instant
 * @param limit at most this many runs, 1..{@link #MAX_LIMIT}
 */
public record RunQuery(String experiment, Verdict verdict, RunState state, Instant since, int limit,
        PageToken after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public RunQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** The last {@code limit} runs of one experiment. */
    public static RunQuery lastOf(String experiment, int limit) {
        return new RunQuery(experiment, null, null, null, limit, null);
    }

    /** Whether a run is one this query asks for, by every filter but the page position. */
    public boolean matches(RunView run) {
        return (experiment == null || experiment.equals(run.experimentName()))
                && (state == null || state == run.state())
                && (verdict == null || run.verdict() != null && verdict == run.verdict().verdict())
                && (since == null || !run.createdAt().isBefore(since));
    }

    /** Whether a run comes after the page token's run in the listing's order (newest first, then by run id). */
    public boolean afterToken(RunView run) {
        if (after == null) {
            return true;
        }
        int byTime = run.createdAt().compareTo(after.createdAt());
        return byTime < 0 || byTime == 0 && run.runId().compareTo(after.runId()) < 0;
    }
}
