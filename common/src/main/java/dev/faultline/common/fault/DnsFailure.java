package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The target's DNS lookups (UDP and TCP port 53, whichever resolver it uses, including Docker's embedded one)
 * fail until reverted.
 *
 * @param mode default {@link Mode#DROP}
 */
@JsonTypeName("dns-failure")
public record DnsFailure(Mode mode) implements FaultSpec {

    public enum Mode {
        /** Answers never arrive, so lookups time out: a resolver that went silent. */
        @JsonProperty("drop")
        DROP,
        /** Queries are refused at once (ICMP port unreachable): a resolver that is down. */
        @JsonProperty("reject")
        REJECT
    }

    public DnsFailure {
        mode = mode == null ? Mode.DROP : mode;
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
