package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.time.Instant;

/**
 * A circuit breaker seen in a new state: {@code at} is the first poll that showed it, {@code previousPollAt} the
 * poll before, which still showed the old state (absent for the first state seen). The library's own transition
 * lies between the two, so within one poll interval before {@code at}.
 *
 * @param state {@code closed}, {@code open}, {@code half-open}, {@code disabled}, {@code forced-open},
 *              {@code metrics-only}
 */
public record BreakerTransition(String state, Instant at, Instant previousPollAt) {

    public BreakerTransition {
        Checks.start().notBlank(state, "state").notNull(at, "at")
                .require(previousPollAt == null || at == null || previousPollAt.isBefore(at), "previousPollAt",
                        "must be before at")
                .throwIfAny();
    }

    /** The states in which the breaker rejects calls. */
    public boolean rejects() {
        return "open".equals(state) || "forced-open".equals(state);
    }
}
