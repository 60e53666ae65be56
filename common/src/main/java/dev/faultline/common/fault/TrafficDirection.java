package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which of the target's traffic a network fault acts on, seen from the target. */
public enum TrafficDirection {
    /** Packets arriving at the target (peers calling it). */
    @JsonProperty("ingress")
    INGRESS,
    /** Packets the target sends (the target calling peers). */
    @JsonProperty("egress")
    EGRESS,
    @JsonProperty("both")
    BOTH;

    public boolean ingress() {
        return this != EGRESS;
    }

    public boolean egress() {
        return this != INGRESS;
    }
}
