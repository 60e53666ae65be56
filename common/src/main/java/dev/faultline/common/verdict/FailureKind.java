package dev.faultline.common.verdict;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Why a request or probe failed when its status does not say it: it got no answer ({@link #TIMEOUT},
 * {@link #REFUSED}, {@link #RESET}, {@link #OTHER}), or it got an answer with a success status that failed a
 * condition of the probe ({@link #BODY}, {@link #LATENCY}, {@link #CONDITION}). A failure decided by its status is
 * counted by that status instead (see {@link FailureBreakdown}).
 */
public enum FailureKind {
    /** No answer within the timeout. */
    @JsonProperty("timeout") TIMEOUT,
    /** The connection was refused. */
    @JsonProperty("refused") REFUSED,
    /** The connection was reset or closed before an answer. */
    @JsonProperty("reset") RESET,
    /** No answer for another reason (name resolution, TLS, ...). */
    @JsonProperty("other") OTHER,
    /** The answer's body lacked the text the probe expects. */
    @JsonProperty("body") BODY,
    /** The answer came later than the probe's latency limit. */
    @JsonProperty("latency") LATENCY,
    /** A non-HTTP probe's condition did not hold: Docker health, a metric query. */
    @JsonProperty("condition") CONDITION;

    /** The name in the contract's JSON and in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
