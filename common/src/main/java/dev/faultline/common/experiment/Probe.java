package dev.faultline.common.experiment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;

/**
 * A check, repeated every {@link #interval()}, whose outcome says whether the system is up. The kind is chosen by
 * {@code type}; without it a probe is an HTTP probe, so experiment files written before the other kinds existed
 * keep their meaning. See docs/adding-a-probe.md.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = HttpProbe.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = HttpProbe.class, name = "http"),
        @JsonSubTypes.Type(value = TcpProbe.class, name = "tcp"),
        @JsonSubTypes.Type(value = DockerHealthProbe.class, name = "docker-health"),
        @JsonSubTypes.Type(value = PrometheusProbe.class, name = "prometheus"),
})
public sealed interface Probe permits HttpProbe, TcpProbe, DockerHealthProbe, PrometheusProbe {

    Duration DEFAULT_INTERVAL = Duration.ofMillis(250);
    Duration MIN_INTERVAL = Duration.ofMillis(50);
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    /** Unique within an experiment: results are reported per probe name. */
    String name();

    /** Time between two probes; also the resolution of every time measured from them. */
    Duration interval();

    /** A probe without an outcome by then counts as failed. */
    Duration timeout();

    /** What is checked, in words, for the "how it was measured" of every figure. */
    String describe();
}
