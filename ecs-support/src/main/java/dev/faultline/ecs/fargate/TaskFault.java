package dev.faultline.ecs.fargate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A fault the ECS agent injects into its own task's network namespace, as the body of its
 * {@code /fault/v1/<kind>/start} request. Field names are the endpoint's own.
 */
public sealed interface TaskFault {

    /** The path segment after {@code /fault/v1/}. */
    String kind();

    /**
     * Latency (and jitter) on traffic to {@code sources}, every destination but {@code sourcesToFilter} when
     * {@code sources} is empty.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record NetworkLatency(@JsonProperty("DelayMilliseconds") long delayMilliseconds,
            @JsonProperty("JitterMilliseconds") long jitterMilliseconds,
            @JsonProperty("Sources") List<String> sources,
            @JsonProperty("SourcesToFilter") List<String> sourcesToFilter) implements TaskFault {
        public NetworkLatency {
            sources = sources == null ? List.of() : List.copyOf(sources);
            sourcesToFilter = sourcesToFilter == null ? List.of() : List.copyOf(sourcesToFilter);
        }

        @Override
        public String kind() {
            return "network-latency";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record NetworkPacketLoss(@JsonProperty("LossPercent") int lossPercent,
            @JsonProperty("Sources") List<String> sources,
            @JsonProperty("SourcesToFilter") List<String> sourcesToFilter) implements TaskFault {
        public NetworkPacketLoss {
            sources = sources == null ? List.of() : List.copyOf(sources);
            sourcesToFilter = sourcesToFilter == null ? List.of() : List.copyOf(sourcesToFilter);
        }

        @Override
        public String kind() {
            return "network-packet-loss";
        }
    }

    /**
     * Drops the task's inbound ({@code ingress}) or outbound ({@code egress}) traffic on one port and protocol
     * ({@code tcp}, {@code udp}), except from or to {@code sourcesToFilter}.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record NetworkBlackholePort(@JsonProperty("Port") int port, @JsonProperty("Protocol") String protocol,
            @JsonProperty("TrafficType") String trafficType,
            @JsonProperty("SourcesToFilter") List<String> sourcesToFilter) implements TaskFault {
        public NetworkBlackholePort {
            sourcesToFilter = sourcesToFilter == null ? List.of() : List.copyOf(sourcesToFilter);
        }

        @Override
        public String kind() {
            return "network-blackhole-port";
        }
    }
}
