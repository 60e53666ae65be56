package dev.faultline.common.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.validation.InvalidValueException;
import dev.faultline.common.validation.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentValidationTest {

    static final SteadyState STEADY = new SteadyState(null,
            List.of(new HttpProbe("health", "http://127.0.0.1:1/health", null, null, null)));
    static final List<FaultStep> FAULTS = List.of(new FaultStep(
            new TargetSelection(new Selector("web", null), null, null, null), ContainerKill.sigkill()));

    @Test
    void appliesDefaults() {
        Experiment e = new Experiment("demo", null, Duration.ofSeconds(10), STEADY, FAULTS, null);
        assertThat(e.slos().maxRecoveryTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(e.slos().minAvailabilityPercent()).isEqualTo(99.9);
        assertThat(e.steadyState().warmup()).isEqualTo(Duration.ofSeconds(2));
        HttpProbe probe = (HttpProbe) e.steadyState().probes().get(0);
        assertThat(probe.interval()).isEqualTo(Duration.ofMillis(250));
        assertThat(probe.expectedStatus()).isNull();
        assertThat(probe.successStatus()).isEqualTo(SuccessStatus.DEFAULT);
        assertThat(e.faults().get(0).target().count()).isEqualTo(1);
        assertThat(e.faults().get(0).target().mode()).isEqualTo(SelectionMode.RANDOM);
    }

    @Test
    void aStepsFaultLastsItsOwnDurationOrTheExperiments() {
        TargetSelection web = new TargetSelection(new Selector("web", null), null, null, null);
        FaultStep own = new FaultStep(web, ContainerKill.sigkill(), Duration.ofSeconds(4));
        Experiment e = new Experiment("demo", null, Duration.ofSeconds(10), STEADY, List.of(own, FAULTS.get(0)), null);
        assertThat(e.durationOf(own)).isEqualTo(Duration.ofSeconds(4));
        assertThat(e.durationOf(FAULTS.get(0))).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> new FaultStep(web, ContainerKill.sigkill(), Duration.ZERO))
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> new FaultStep(web, ContainerKill.sigkill(), Duration.ofHours(2)))
                .hasMessageContaining("duration");
    }

    @Test
    void reportsEveryBadFieldOfAnObjectAtOnce() {
        assertThatThrownBy(() -> new Experiment(" ", null, Duration.ofSeconds(-5), null, List.of(), null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .contains("name", "duration", "steadyState", "faults"));
    }

    @Test
    void negativeDurationSaysWhatWasGiven() {
        assertThatThrownBy(() -> new Experiment("demo", null, Duration.ofSeconds(-5), STEADY, FAULTS, null))
                .hasMessageContaining("duration: must be positive, was -5s");
    }

    @Test
    void emptySelectorIsRefused() {
        assertThatThrownBy(() -> new Selector(null, Map.of()))
                .hasMessageContaining("must name a container, a Compose service or project, or give at least one label");
    }

    @Test
    void countAndPercentExcludeEachOther() {
        assertThatThrownBy(() -> new TargetSelection(new Selector("web", null), 1, 50, null))
                .hasMessageContaining("not both");
    }

    @Test
    void probesNeedAnHttpUrlAndASaneInterval() {
        assertThatThrownBy(() -> new HttpProbe("p", "ftp://x", null, Duration.ofMillis(10), null))
                .hasMessageContaining("url:").hasMessageContaining("interval: must be at least 50ms");
    }

    @Test
    void selectorMatchesByNameAndAllLabels() {
        Selector s = new Selector("web-1", Map.of("app", "web"));
        assertThat(s.matches("web-1", Map.of("app", "web", "x", "y"))).isTrue();
        assertThat(s.matches("web-2", Map.of("app", "web"))).isFalse();
        assertThat(s.matches("web-1", Map.of("app", "db"))).isFalse();
    }

    /** The script is read on the observer's host; where the experiment is parsed only its form can be checked. */
    @Test
    void aLoadScriptMustBeAnArtilleryScriptPath() {
        for (String script : List.of("examples/shop/load/shop-load.yml", "/abs/load.YAML", "load.json")) {
            assertThat(new LoadTest(script, null, null, null, null, null, null).script()).isEqualTo(script);
        }
        for (String script : List.of("", " ", "load.sh", "yml")) {
            assertThatThrownBy(() -> new LoadTest(script, null, null, null, null, null, null))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("script")
                    .hasMessageContaining("Artillery script (.yml, .yaml or .json)");
        }
    }
}
