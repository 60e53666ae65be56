package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.util.List;

/**
 * One circuit breaker through a run: the state it was first seen in, then each change, from polls of its metrics
 * endpoint every {@code resolutionMillis}.
 *
 * @param breaker          its name (Resilience4j's {@code name} label, SmallRye's method, or the author's name)
 * @param library          {@code smallrye}, {@code resilience4j} or {@code prometheus} (author's conditions)
 * @param metricsUrl       where it was read
 * @param series           the series it was read from, e.g.
 *                         {@code resilience4j_circuitbreaker_state{name="defaultCircuitBreaker"}}
 * @param discovered       found at the endpoint without being named in the experiment
 * @param polls            polls that read the endpoint; {@code pollsWithState} of them had the breaker's series
 * @param transitions      the first state seen, then every change, in time order
 * @param resolutionMillis poll interval: each change lies within it before the transition's {@code at}
 */
public record BreakerTimeline(String breaker, String library, String metricsUrl, String series, boolean discovered,
        int polls, int pollsWithState, List<BreakerTransition> transitions, long resolutionMillis) {

    public BreakerTimeline {
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
        Checks.start().notBlank(breaker, "breaker").notBlank(library, "library").notBlank(metricsUrl, "metricsUrl")
                .notBlank(series, "series")
                .require(pollsWithState >= 0 && pollsWithState <= polls, "pollsWithState",
                        "must be between 0 and polls")
                .require(transitions.size() <= pollsWithState, "transitions", "cannot outnumber pollsWithState")
                .require(resolutionMillis > 0, "resolutionMillis", "must be positive")
                .throwIfAny();
    }

    /** {@code closed → open → half-open → closed}, or what the endpoint showed instead. */
    public String path() {
        if (transitions.isEmpty()) {
            return pollsWithState == 0 ? "no series" : "";
        }
        return String.join(" → ", transitions.stream().map(BreakerTransition::state).toList());
    }
}
