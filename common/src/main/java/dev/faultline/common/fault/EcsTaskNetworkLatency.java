package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.time.Duration;
import java.util.List;

/**
 * Latency on an ECS task's traffic, injected by the ECS agent through its fault-injection endpoint
 * ({@code network-latency}) on a task whose definition enables fault injection: the way on Fargate, where no
 * agent reaches the host. Executed by a Faultline agent running as a sidecar in that task (docs/ecs.md). The ECS
 * agent takes one latency or packet-loss fault per task at a time.
 *
 * @param delay           added latency, at least 1 ms, at most {@link NetworkDelay#MAX_DELAY}
 * @param jitter          random variation, default 0, at most {@code delay}
 * @param sources         only traffic to these IPv4 addresses or CIDR blocks; all traffic when empty
 * @param sourcesToFilter addresses or CIDR blocks spared
 */
@JsonTypeName("ecs-task-network-latency")
public record EcsTaskNetworkLatency(Duration delay, Duration jitter, List<String> sources,
        List<String> sourcesToFilter) implements FaultSpec {

    public EcsTaskNetworkLatency {
        jitter = jitter == null ? Duration.ZERO : jitter;
        sources = NetworkChecks.orEmpty(sources);
        sourcesToFilter = NetworkChecks.orEmpty(sourcesToFilter);
        Checks checks = Checks.start()
                .notNull(delay, "delay")
                .require(delay == null || delay.toMillis() >= 1, "delay", "must be at least 1ms, was " + delay)
                .require(delay == null || delay.compareTo(NetworkDelay.MAX_DELAY) <= 0, "delay",
                        "must be at most 30s, was " + delay)
                .notNegative(jitter, "jitter")
                .require(delay == null || jitter.compareTo(delay) <= 0, "jitter", "must be at most delay");
        EcsTaskAddresses.check(checks, sources, "sources");
        EcsTaskAddresses.check(checks, sourcesToFilter, "sourcesToFilter");
        checks.throwIfAny();
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
