package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import dev.faultline.common.validation.DurationText;
import java.time.Duration;

/**
 * Slow down the target's TCP traffic to one dependency endpoint: what the dependency sends back reaches the target
 * {@code delay ± jitter} later.
 *
 * @param host   the dependency as the target addresses it: an IPv4 address, or a name the agent's host resolves
 * @param port   the dependency's TCP port
 * @param delay  added latency, at most {@link #MAX_DELAY}
 * @param jitter random variation around {@code delay}, uniform in {@code [-jitter, +jitter]}; default 0, at most
 *               {@code delay}
 * @param method see {@link DelayMethod}; default {@link DelayMethod#AUTO}
 */
@JsonTypeName("network-delay")
public record NetworkDelay(String host, int port, Duration delay, Duration jitter, DelayMethod method)
        implements FaultSpec {

    public static final Duration MAX_DELAY = Duration.ofSeconds(30);

    public NetworkDelay {
        jitter = jitter == null ? Duration.ZERO : jitter;
        method = method == null ? DelayMethod.AUTO : method;
        Checks checks = Endpoints.check(Checks.start(), host, port)
                .notNull(delay, "delay")
                .positive(delay, "delay")
                .notNegative(jitter, "jitter");
        if (delay != null) {
            checks.require(delay.compareTo(MAX_DELAY) <= 0, "delay",
                    "must be at most " + DurationText.format(MAX_DELAY) + ", was " + DurationText.format(delay));
            checks.require(jitter.compareTo(delay) <= 0, "jitter",
                    "must be at most the delay (" + DurationText.format(delay) + "), was " + DurationText.format(jitter));
        }
        checks.throwIfAny();
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
