package dev.faultline.common.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.verdict.SloBreached;
import dev.faultline.common.verdict.VerdictMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeTypesTest {

    private static final String YAML = """
            name: kinds
            duration: 10s
            steadyState:
              probes:
                - name: plain
                  url: http://127.0.0.1:1/health
                - name: body
                  type: http
                  url: http://127.0.0.1:1/health
                  bodyContains: UP
                  maxLatency: 200ms
                - name: port
                  type: tcp
                  host: 127.0.0.1
                  port: 5432
                  interval: 100ms
                - name: docker
                  type: docker-health
                  container: shop-db
                - name: breaker
                  type: prometheus
                  url: http://127.0.0.1:1/q/metrics
                  query: 'ft_circuitbreaker_state_current{state="open"} == 0'
            faults:
              - target: {selector: {name: x}}
                fault: {type: container-kill}
            slos:
              maxErrorRatePercent: 0.5
              maxP99Latency: 800ms
              abortOnBreach: true
            """;

    @Test
    void probeKindsAreChosenByTypeAndHttpIsTheDefault() throws Exception {
        Experiment e = ChaosJson.experimentsYaml().readValue(YAML, Experiment.class);
        List<Probe> probes = e.steadyState().probes();
        assertThat(probes).extracting(p -> p.getClass().getSimpleName())
                .containsExactly("HttpProbe", "HttpProbe", "TcpProbe", "DockerHealthProbe", "PrometheusProbe");
        HttpProbe body = (HttpProbe) probes.get(1);
        assertThat(body.bodyContains()).isEqualTo("UP");
        assertThat(body.maxLatency()).isEqualTo(Duration.ofMillis(200));
        assertThat(((TcpProbe) probes.get(2)).interval()).isEqualTo(Duration.ofMillis(100));
        assertThat(e.slos().abortOnBreach()).isTrue();
        assertThat(e.slos().errorRateLimitPercent()).isEqualTo(0.5);
        assertThat(e.slos().maxP99Latency()).isEqualTo(Duration.ofMillis(800));
        // written with their type names, and read back equal
        String json = ChaosJson.experiments().writeValueAsString(e);
        assertThat(json).contains("\"type\":\"tcp\"").contains("\"type\":\"docker-health\"");
        assertThat(ChaosJson.experiments().readValue(json, Experiment.class)).isEqualTo(e);
    }

    @Test
    void theDemoExperimentStillReads() throws Exception {
        Path demo = Path.of("../examples/experiments/demo-container-kill.yaml");
        Experiment e = ChaosJson.experimentsYaml().readValue(Files.readString(demo), Experiment.class);
        assertThat(e.steadyState().probes().get(0)).isInstanceOf(HttpProbe.class);
        assertThat(e.slos().abortOnBreach()).isFalse();
    }

    @Test
    void aMalformedPrometheusQueryIsRefused() {
        assertThatThrownBy(() -> new PrometheusProbe("p", "http://127.0.0.1:1/m", "open == maybe", null, null))
                .hasMessageContaining("query");
    }

    @Test
    void sloBreachedSurvivesARoundTrip() throws Exception {
        SloBreached b = SloBreached.of("run-1", "max-recovery-time", "ms", 3000, 3250, "still failing", true,
                Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(ChaosJson.read(ChaosJson.write(b), VerdictMessage.class)).isEqualTo(b);
    }
}
