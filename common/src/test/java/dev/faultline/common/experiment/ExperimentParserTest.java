package dev.faultline.common.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.SuccessStatus;
import dev.faultline.common.experiment.SelectionMode;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.fault.KillMethod;
import dev.faultline.common.validation.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ExperimentParserTest {

    static final String VALID = """
            name: kill-web
            duration: 20s
            steadyState:
              probes:
                - name: health
                  url: http://127.0.0.1:8080/health
            faults:
              - target:
                  selector:
                    labels: {app: web}
                  percent: 50
                  mode: fixed
                fault:
                  type: container-kill
                  signal: TERM
                  method: docker-api
            """;

    final ExperimentParser parser = new ExperimentParser();

    @Test
    void readsAValidYamlExperiment() {
        Experiment e = parser.parse(VALID, ExperimentParser.Format.YAML);
        assertThat(e.name()).isEqualTo("kill-web");
        assertThat(e.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(e.faults().get(0).target().percent()).isEqualTo(50);
        assertThat(e.faults().get(0).target().mode()).isEqualTo(SelectionMode.FIXED);
        assertThat(e.faults().get(0).fault()).isEqualTo(new ContainerKill("SIGTERM", KillMethod.DOCKER_API));
    }

    @Test
    void aTargetCanBeADockerComposeService() {
        Experiment e = parser.parse(VALID.replace("labels: {app: web}", "composeProject: shop\n        composeService: web"),
                ExperimentParser.Format.YAML);
        assertThat(e.faults().get(0).target().selector())
                .isEqualTo(new dev.faultline.common.experiment.Selector(null, java.util.Map.of(), "shop", "web"));
        assertViolation(() -> parser.parse(VALID.replace("labels: {app: web}", "composeService: \" \""),
                ExperimentParser.Format.YAML), "faults[0].target.selector.composeService", "must not be blank");
    }

    @Test
    void readsTheShippedDemoExperiment() throws Exception {
        String demo = Files.readString(Path.of("../examples/experiments/demo-container-kill.yaml"));
        Experiment e = parser.parse(demo, ExperimentParser.Format.YAML);
        assertThat(e.name()).isEqualTo("demo-container-kill");
        assertThat(e.slos().minAvailabilityPercent()).isEqualTo(90.0);
    }

    @Test
    void readsJson() {
        String json = """
                {"name":"j","duration":"5s","steadyState":{"probes":[{"name":"p","url":"http://127.0.0.1:1/"}]},
                 "faults":[{"target":{"selector":{"name":"web"}},"fault":{"type":"container-kill"}}]}""";
        assertThat(parser.parse(json, ExperimentParser.Format.JSON).faults()).hasSize(1);
    }

    @Test
    void unknownFaultTypeNamesTheFieldAndTheChoices() {
        assertViolation(() -> parser.parse(VALID.replace("type: container-kill", "type: meteor-strike"),
                ExperimentParser.Format.YAML),
                "faults[0].fault.type", "'meteor-strike' is not a known fault type; one of ");
    }

    @Test
    void missingFaultTypeIsRequired() {
        assertViolation(() -> parser.parse(VALID.replace("type: container-kill", "signal2: x").replace(
                "      signal: TERM\n", ""), ExperimentParser.Format.YAML), "faults[0].fault.type", "is required");
    }

    @Test
    void negativeDurationSaysWhatWasGiven() {
        assertViolation(() -> parser.parse(VALID.replace("duration: 20s", "duration: -5s"),
                ExperimentParser.Format.YAML), "duration", "must be positive, was -5s");
    }

    @Test
    void unparseableDurationGivesAnExample() {
        assertViolation(() -> parser.parse(VALID.replace("duration: 20s", "duration: soon"),
                ExperimentParser.Format.YAML), "duration", "write for example");
    }

    @Test
    void emptySelectorIsRefusedAtItsPath() {
        assertViolation(() -> parser.parse(VALID.replace("labels: {app: web}", "labels: {}"),
                ExperimentParser.Format.YAML), "faults[0].target.selector",
                "must name a container, a Compose service or project, or give at least one label");
    }

    @Test
    void malformedYamlSaysWhere() {
        assertViolation(() -> parser.parse("name: \"unterminated\nfaults: [\n  - {target: \n", ExperimentParser.Format.YAML),
                "(document)", "is not valid YAML");
    }

    @Test
    void malformedJsonSaysWhere() {
        assertViolation(() -> parser.parse("{\"name\": ", ExperimentParser.Format.JSON), "(document)",
                "is not valid JSON");
    }

    @Test
    void unknownFieldIsAnErrorNotIgnored() {
        assertViolation(() -> parser.parse(VALID.replace("duration: 20s", "duration: 20s\nduraton: 30s"),
                ExperimentParser.Format.YAML), "duraton", "is not a known field");
    }

    @Test
    void unknownNestedFieldHasItsFullPath() {
        assertViolation(() -> parser.parse(VALID.replace("percent: 50", "percent: 50\n      colour: red"),
                ExperimentParser.Format.YAML), "faults[0].target.colour", "is not a known field");
    }

    @Test
    void aBadDegradedSettingIsRefusedAtItsPath() {
        assertViolation(() -> parser.parse(VALID.replace("url: http://127.0.0.1:8080/health",
                "url: http://127.0.0.1:8080/health\n      degraded: {shap: true}"), ExperimentParser.Format.YAML),
                "steadyState.probes[0].degraded.shap", "is not a known field");
    }

    @Test
    void wrongTypeSaysWhatIsExpected() {
        assertViolation(() -> parser.parse(VALID.replace("percent: 50", "percent: half"),
                ExperimentParser.Format.YAML), "faults[0].target.percent", "not a valid number");
    }

    @Test
    void emptyDocumentIsRefused() {
        assertViolation(() -> parser.parse("  \n", ExperimentParser.Format.YAML), "(document)", "is empty");
    }

    @Test
    void missingRequiredFieldsAreAllListed() {
        assertThatThrownBy(() -> parser.parse("description: nothing else", ExperimentParser.Format.YAML))
                .isInstanceOfSatisfying(InvalidExperimentException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).contains("name", "duration", "steadyState", "faults"));
    }

    @Test
    void successStatusIsAListOfStatusesClassesAndRanges() {
        Experiment e = parser.parse(VALID.replace("url: http://127.0.0.1:8080/health",
                "url: http://127.0.0.1:8080/health\n      successStatus: [2xx, 404, 500-502]")
                + "load: {url: http://127.0.0.1:8080/orders, arrivalRate: 5, successStatus: 200}\n",
                ExperimentParser.Format.YAML);
        HttpProbe probe = (HttpProbe) e.steadyState().probes().get(0);
        assertThat(probe.successStatus()).isEqualTo(new SuccessStatus(List.of("2xx", 404, "500-502")));
        assertThat(e.load().successStatus()).isEqualTo(SuccessStatus.only(200));
    }

    /** The script is read on the observer's host: here only its form is checked, at its path. */
    @Test
    void aLoadScriptThatIsNoArtilleryScriptIsRefusedAtItsPath() {
        assertViolation(() -> parser.parse(VALID + "load: {script: load/run.sh}\n", ExperimentParser.Format.YAML),
                "load.script", "must be the path of an Artillery script (.yml, .yaml or .json) on the observer's host");
        assertThat(parser.parse(VALID + "load: {script: examples/shop/load/shop-load.yml}\n",
                ExperimentParser.Format.YAML).load().script()).isEqualTo("examples/shop/load/shop-load.yml");
    }

    @Test
    void aBadSuccessStatusIsRefusedAtItsPath() {
        assertViolation(() -> parser.parse(VALID.replace("url: http://127.0.0.1:8080/health",
                "url: http://127.0.0.1:8080/health\n      successStatus: [200, 6xx]"), ExperimentParser.Format.YAML),
                "steadyState.probes[0].successStatus", "entry 2 ('6xx') is not a status");
        assertViolation(() -> parser.parse(VALID
                + "load: {url: http://127.0.0.1:8080/orders, arrivalRate: 5, successStatus: []}\n",
                ExperimentParser.Format.YAML), "load.successStatus", "must name at least one status");
        assertViolation(() -> parser.parse(VALID.replace("url: http://127.0.0.1:8080/health",
                "url: http://127.0.0.1:8080/health\n      expectedStatus: 200\n      successStatus: [2xx]"),
                ExperimentParser.Format.YAML), "steadyState.probes[0].successStatus", "not both");
    }

    @Test
    void adaptiveProbingIsOnByDefaultAndCanBeTunedOrTurnedOff() {
        assertThat(parser.parse(VALID, ExperimentParser.Format.YAML).steadyState().adaptive())
                .isEqualTo(new AdaptiveProbing(true, Duration.ofMillis(10), Duration.ofSeconds(2)));
        String tuned = VALID.replace("steadyState:\n", "steadyState:\n  adaptive: {interval: 20ms, after: 5s}\n");
        assertThat(parser.parse(tuned, ExperimentParser.Format.YAML).steadyState().adaptive())
                .isEqualTo(new AdaptiveProbing(true, Duration.ofMillis(20), Duration.ofSeconds(5)));
        String off = VALID.replace("steadyState:\n", "steadyState:\n  adaptive: {enabled: false}\n");
        assertThat(parser.parse(off, ExperimentParser.Format.YAML).steadyState().adaptive().enabled()).isFalse();
        assertViolation(() -> parser.parse(VALID.replace("steadyState:\n", "steadyState:\n  adaptive: {interval: 1ms}\n"),
                ExperimentParser.Format.YAML), "steadyState.adaptive.interval", "at least 5ms");
        assertViolation(() -> parser.parse(VALID.replace("steadyState:\n", "steadyState:\n  adaptive: {after: 2m}\n"),
                ExperimentParser.Format.YAML), "steadyState.adaptive.after", "at most 1m");
    }

    @Test
    void adaptiveProbingAppliesOnlyToProbesSlowerThanItsInterval() {
        AdaptiveProbing adaptive = new AdaptiveProbing(true, Duration.ofMillis(100), null);
        assertThat(adaptive.appliesTo(new HttpProbe("a", "http://h", 200, Duration.ofMillis(250), null))).isTrue();
        assertThat(adaptive.appliesTo(new HttpProbe("a", "http://h", 200, Duration.ofMillis(100), null))).isFalse();
        assertThat(AdaptiveProbing.OFF.appliesTo(new HttpProbe("a", "http://h", 200, Duration.ofMillis(100), null)))
                .isFalse();
    }

    private static void assertViolation(ThrowingCallable call, String field, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidExperimentException.class, e -> {
            List<Violation> violations = e.violations();
            assertThat(violations).as(violations.toString()).anySatisfy(v -> {
                assertThat(v.field()).isEqualTo(field);
                assertThat(v.message()).contains(messagePart);
            });
        });
    }
}
