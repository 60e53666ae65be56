package dev.faultline.common.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.json.ChaosJson;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The container and resource fault specs: defaults, bounds, names, and the strict experiment mapping. */
class HostFaultSpecsTest {

    @Test
    void everyTypeIsRegisteredUnderItsName() {
        assertThat(FaultSpec.knownTypes()).contains("container-kill", "container-stop", "container-pause",
                "container-restart", "process-kill", "cpu-stress", "memory-stress", "io-stress", "disk-fill");
        assertThat(new ContainerPause().type()).isEqualTo("container-pause");
    }

    @Test
    void containerStopAndRestartDefaultToTenSecondsOfGrace() {
        assertThat(new ContainerStop(null).timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(new ContainerStop(null).lasting()).isTrue();
        assertThat(new ContainerRestart(null).timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(new ContainerRestart(null).lasting()).isFalse();
        assertThat(new ContainerPause().lasting()).isTrue();
        assertThatThrownBy(() -> new ContainerStop(Duration.ofMinutes(2))).hasMessageContaining("timeout");
        assertThatThrownBy(() -> new ContainerRestart(Duration.ofSeconds(-1))).hasMessageContaining("timeout");
    }

    @Test
    void processKillNeedsAValidPatternAndAKillingSignal() {
        ProcessKill kill = new ProcessKill("sleep", null, null);
        assertThat(kill.signal()).isEqualTo("SIGKILL");
        assertThat(kill.shortSignal()).isEqualTo("KILL");
        assertThat(kill.commandLine()).isFalse();
        assertThat(kill.lasting()).isFalse();
        assertThatThrownBy(() -> new ProcessKill(null, null, null)).hasMessageContaining("pattern");
        assertThatThrownBy(() -> new ProcessKill("([a-z", null, null)).hasMessageContaining("regular expression");
        assertThatThrownBy(() -> new ProcessKill("x", "STOP", null)).hasMessageContaining("signal");
    }

    @Test
    void processKillMatchesTheWholeNameOrPartOfTheCommandLine() {
        ProcessKill byName = new ProcessKill("sleep", null, false);
        assertThat(byName.matches("sleep", "sleep 300")).isTrue();
        assertThat(byName.matches("sleeper", "sleeper")).as("whole name only").isFalse();
        ProcessKill byCommandLine = new ProcessKill("worker-[0-9]+", null, true);
        assertThat(byCommandLine.matches("java", "java -jar app.jar --name worker-7")).isTrue();
        assertThat(byCommandLine.matches("worker-7", "java -jar app.jar")).isFalse();
    }

    @Test
    void stressFaultsHaveDefaultsAndBounds() {
        CpuStress cpu = new CpuStress(null, null, null);
        assertThat(cpu.workers()).isEqualTo(1);
        assertThat(cpu.load()).isEqualTo(100);
        assertThat(cpu.maxDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(cpu.lasting()).isTrue();
        assertThatThrownBy(() -> new CpuStress(0, 101, Duration.ofHours(2)))
                .hasMessageContaining("workers").hasMessageContaining("load").hasMessageContaining("maxDuration");

        MemoryStress memory = new MemoryStress(100, 3, null);
        assertThat(memory.megabytesPerWorker()).isEqualTo(33);
        assertThatThrownBy(() -> new MemoryStress(null, null, null)).hasMessageContaining("megabytes");
        assertThatThrownBy(() -> new MemoryStress(2, 4, null)).hasMessageContaining("one per worker");

        IoStress io = new IoStress(null, null, null, null);
        assertThat(io.path()).isEqualTo("/tmp");
        assertThat(io.megabytes()).isEqualTo(64);
    }

    @Test
    void pathsInsideContainersAreAbsolutePlainAndCannotClimb() {
        assertThat(new DiskFill(10, null).path()).isEqualTo("/tmp");
        assertThat(new DiskFill(10, "/var/log/app").path()).isEqualTo("/var/log/app");
        assertThat(new DiskFill(10, null).bytes()).isEqualTo(10L * 1024 * 1024);
        for (String bad : new String[] {"tmp", "/tmp/../etc", "/tmp//x", "/tmp/$(id)", "/tmp/a b"}) {
            assertThatThrownBy(() -> new DiskFill(10, bad)).as(bad).hasMessageContaining("path");
            assertThatThrownBy(() -> new IoStress(1, 1, bad, null)).as(bad).hasMessageContaining("path");
        }
        assertThatThrownBy(() -> new DiskFill(0, null)).hasMessageContaining("megabytes");
    }

    @Test
    void experimentsSpellTheFieldsAsDocumented() throws Exception {
        String yaml = """
                name: resources
                duration: 20s
                steadyState:
                  probes: [{name: h, url: "http://127.0.0.1:1/health"}]
                faults:
                  - target: {selector: {name: a}}
                    fault: {type: cpu-stress, workers: 2, load: 50, maxDuration: 1m}
                  - target: {selector: {name: a}}
                    fault: {type: memory-stress, megabytes: 64}
                  - target: {selector: {name: a}}
                    fault: {type: io-stress, workers: 1, megabytes: 16, path: /data}
                  - target: {selector: {name: a}}
                    fault: {type: disk-fill, megabytes: 100, path: /tmp}
                  - target: {selector: {name: a}}
                    fault: {type: container-stop, timeout: 2s}
                  - target: {selector: {name: a}}
                    fault: {type: container-pause}
                  - target: {selector: {name: a}}
                    fault: {type: container-restart}
                  - target: {selector: {name: a}}
                    fault: {type: process-kill, pattern: "sleep", signal: TERM}
                """;
        Experiment experiment = ChaosJson.experimentsYaml().readValue(yaml, Experiment.class);
        assertThat(experiment.faults()).extracting(step -> step.fault()).containsExactly(
                new CpuStress(2, 50, Duration.ofMinutes(1)), new MemoryStress(64, 1, null),
                new IoStress(1, 16, "/data", null), new DiskFill(100, "/tmp"), new ContainerStop(Duration.ofSeconds(2)),
                new ContainerPause(), new ContainerRestart(null), new ProcessKill("sleep", "SIGTERM", false));
        String json = ChaosJson.write(experiment);
        assertThat(ChaosJson.experiments().readValue(json, Experiment.class)).isEqualTo(experiment);
    }
}
