package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How {@code network-delay} adds latency. */
public enum DelayMethod {
    /** netem when the host kernel has {@code sch_netem}, otherwise the proxy. */
    @JsonProperty("auto")
    AUTO,
    /** Only netem (tc in the target's network namespace); fails where the kernel has no {@code sch_netem}. */
    @JsonProperty("netem")
    NETEM,
    /** Only the agent's delaying TCP proxy, with the target's traffic to the endpoint redirected to it. */
    @JsonProperty("proxy")
    PROXY
}
