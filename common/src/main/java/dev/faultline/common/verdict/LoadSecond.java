package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.time.Instant;

/**
 * One second of load: requests sent in {@code [second, second + 1 s)}.
 *
 * @param errors   failed requests (see docs/verdict.md for what fails)
 * @param failures optional: those failures by status and kind; null in verdicts written before it existed
 */
public record LoadSecond(Instant second, long requests, long errors, Long p50Millis, Long p99Millis,
        FailureBreakdown failures) {

    public LoadSecond {
        Checks.start()
                .notNull(second, "second")
                .require(requests >= 0 && errors >= 0 && errors <= requests, "errors", "must be between 0 and requests")
                .require(failures == null || failures.total() == errors, "failures", "must add up to errors")
                .throwIfAny();
    }

    /** A second without its failure breakdown, as verdicts were written before it existed. */
    public LoadSecond(Instant second, long requests, long errors, Long p50Millis, Long p99Millis) {
        this(second, requests, errors, p50Millis, p99Millis, null);
    }
}
