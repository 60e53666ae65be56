package dev.faultline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.ExperimentParser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The experiments the system tests run are the documents they mean, and parse as experiments. */
class ExperimentsTest {

    @Test
    void theContainerKillIsTheDocumentTheSystemTestsWereWrittenFor() {
        assertThat(Experiments.containerKill("kill", "web-health", "http://127.0.0.1:1/health",
                Duration.ofMillis(250), "web-1")).isEqualTo("""
                name: kill
                duration: 8s
                steadyState:
                  warmup: 2s
                  probes:
                    - name: web-health
                      url: http://127.0.0.1:1/health
                      interval: 250ms
                      timeout: 1000ms
                faults:
                  - target:
                      selector: {name: web-1}
                    fault:
                      type: container-kill
                      signal: SIGKILL
                slos:
                  maxRecoveryTime: 30s
                  minAvailabilityPercent: 50
                """);
    }

    @Test
    void aLastingFaultAndALoadSectionGoWhereTheyBelong() {
        String yaml = Experiments.OneFault.on("pause", "http://127.0.0.1:1/health", "web-1").timing("6s", "3s")
                .withFault("""
                        fault:
                          type: container-pause
                        duration: 3s
                        """).minAvailability(10).with("""
                        load:
                          url: http://127.0.0.1:1/health
                          arrivalRate: 10
                        """).yaml();

        Experiment experiment = new ExperimentParser().parse(yaml, ExperimentParser.Format.YAML);

        assertThat(experiment.duration()).isEqualTo(Duration.ofSeconds(6));
        assertThat(experiment.steadyState().warmup()).isEqualTo(Duration.ofSeconds(3));
        assertThat(experiment.faults()).singleElement().satisfies(step -> {
            assertThat(step.fault().type()).isEqualTo("container-pause");
            assertThat(step.duration()).isEqualTo(Duration.ofSeconds(3));
        });
        assertThat(experiment.slos().minAvailabilityPercent()).isEqualTo(10.0);
        assertThat(experiment.load()).isNotNull();
    }
}
