package dev.faultline.common.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.validation.InvalidValueException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DegradedCheckTest {

    private static HttpProbe probe(String yaml) throws Exception {
        return (HttpProbe) ChaosJson.experimentsYaml().readValue(
                "{name: summary, url: 'http://127.0.0.1:8080/api/summary', " + yaml + "}", Probe.class);
    }

    @Test
    void offByDefaultAndWhenFalse() throws Exception {
        assertThat(probe("interval: 250ms").degraded()).isNull();
        assertThat(probe("degraded: false").degraded()).isNull();
        assertThat(probe("degraded: {shape: false}").degraded()).as("nothing judged is off").isNull();
    }

    @Test
    void trueComparesTheBodyShapeOnly() throws Exception {
        assertThat(probe("degraded: true").degraded()).isEqualTo(DegradedCheck.SHAPE);
    }

    @Test
    void theObjectFormComparesTheShapeUnlessSwitchedOffAndMayBoundTheLatency() throws Exception {
        assertThat(probe("degraded: {shape: true, latencyAbove: 800ms}").degraded())
                .isEqualTo(new DegradedCheck(true, Duration.ofMillis(800)));
        assertThat(probe("degraded: {latencyAbove: 800ms}").degraded())
                .isEqualTo(new DegradedCheck(true, Duration.ofMillis(800)));
        assertThat(probe("timeout: 2s, degraded: {shape: false, latencyAbove: 1s}").degraded())
                .isEqualTo(new DegradedCheck(false, Duration.ofSeconds(1)));
    }

    @Test
    void refusesUnknownFieldsBadValuesAndBoundsThatCanNeverCount() {
        assertThatThrownBy(() -> probe("degraded: {shap: true}"))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("shap: is not a known field; known: shape, latencyAbove");
        assertThatThrownBy(() -> probe("degraded: {latencyAbove: soon}")).hasMessageContaining("latencyAbove:");
        assertThatThrownBy(() -> probe("degraded: {latencyAbove: 0ms}")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> probe("degraded: yes please")).hasMessageContaining("must be true, false or");
        assertThatThrownBy(() -> probe("maxLatency: 500ms, degraded: {latencyAbove: 500ms}"))
                .hasMessageContaining("degraded.latencyAbove: must be below maxLatency");
        assertThatThrownBy(() -> new HttpProbe("p", "http://127.0.0.1:1/", null, null, Duration.ofSeconds(1), null,
                null, null, new DegradedCheck(false, Duration.ofSeconds(2))))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("degraded.latencyAbove: must be below timeout");
    }

    @Test
    void readsBackFromTheContractsJsonAndSaysWhatItJudges() throws Exception {
        HttpProbe probe = probe("degraded: {latencyAbove: 800ms}");
        assertThat(ChaosJson.read(ChaosJson.write(probe), Probe.class)).isEqualTo(probe);
        assertThat(probe.describe()).endsWith(
                "; degraded when JSON body shape below the steady state's or latency above 800ms");
        HttpProbe plain = probe("interval: 250ms");
        assertThat(ChaosJson.write(plain)).doesNotContain("degraded");
        assertThat(plain.describe()).doesNotContain("degraded");
    }

    @Test
    void theFullServiceObjectiveNeedsAProbeWithDegradedAnswers() throws Exception {
        String experiment = """
                name: degrade
                duration: 10s
                steadyState:
                  probes:
                    - {name: summary, url: 'http://127.0.0.1:8080/api/summary'%s}
                faults:
                  - target: {selector: {name: recommender}}
                    fault: {type: container-kill}
                slos: {minFullServiceAvailabilityPercent: 90}
                """;
        assertThatThrownBy(() -> ChaosJson.experimentsYaml().readValue(experiment.formatted(""), Experiment.class))
                .hasMessageContaining("slos.minFullServiceAvailabilityPercent: needs an HTTP probe with degraded:");
        Experiment read = ChaosJson.experimentsYaml().readValue(experiment.formatted(", degraded: true"),
                Experiment.class);
        assertThat(read.slos().minFullServiceAvailabilityPercent()).isEqualTo(90.0);
    }
}
