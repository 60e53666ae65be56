package dev.faultline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.faultline.systemtests.FaultlineStack.Service;
import dev.faultline.testsupport.TestContainers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent process is killed with SIGKILL while two faults whose effects outlast processes are in effect: a
 * stopped container and a file filling a container's disk. Nobody reverts them while it is dead; the agent started
 * again on the same ledger must, and must not report a revert that did not happen.
 */
class AgentCrashRecoveryIT {

    @RegisterExtension
    static final SystemTestStack system = SystemTestStack.create();

    @Test
    void aRestartedAgentStartsTheStoppedContainerAndDeletesTheDiskFillFile() throws Exception {
        FaultlineStack stack = system.stack();
        TestContainers.Started stopped = system.announcedDemoTarget("faultline-crash-stop", Map.of());
        TestContainers.Started filled = system.announcedDemoTarget("faultline-crash-fill", Map.of());

        String experiment = """
                name: agent-crash-recovery
                duration: 120s
                steadyState:
                  warmup: 0s
                  probes:
                    - {name: filled-health, url: %s}
                faults:
                  - target: {selector: {name: %s}}
                    fault: {type: container-stop, timeout: 1s}
                  - target: {selector: {name: %s}}
                    fault: {type: disk-fill, megabytes: 16, path: /tmp}
                """.formatted(filled.url("/health"), stopped.name(), filled.name());
        String runId = stack.startRun(experiment);
        Await.until("both faults injected", Duration.ofSeconds(30), () -> injectedCount(runId) == 2);
        assertThat(status(stopped.id())).isEqualTo("exited");
        assertThat(diskFillFiles(filled.id())).hasSize(1);

        stack.crash(Service.INJECTOR_AGENT);
        Thread.sleep(1000);
        assertThat(status(stopped.id())).as("nobody starts it while the agent is dead").isEqualTo("exited");
        assertThat(diskFillFiles(filled.id())).as("nor deletes the file").hasSize(1);

        stack.restart(Service.INJECTOR_AGENT);

        Await.until("the stopped container runs again", Duration.ofSeconds(30),
                () -> "running".equals(status(stopped.id())));
        Await.until("the disk-fill file is gone", Duration.ofSeconds(30), () -> diskFillFiles(filled.id()).isEmpty());
        Await.until("the ledger is empty", Duration.ofSeconds(10), () -> ledgerEntries(stack.ledgerDir) == 0);
        assertThat(Files.readString(stack.logDir.resolve("injector-agent.log")))
                .as("the restarted agent says what it recovered")
                .contains("container-stop").contains("disk-fill").contains("recovered-from-ledger");
    }

    private int injectedCount(String runId) {
        try {
            var run = system.stack().run(runId);
            assertThat(run.path("failed")).as("faults that failed: " + run.path("failed")).isEmpty();
            return run.path("injected").size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String status(String containerId) {
        InspectContainerResponse inspected = system.containers().docker().inspectContainerCmd(containerId).exec();
        return inspected.getState().getStatus();
    }

    /** The disk-fill files in the container's /tmp, listed from inside it (docker exec, busybox ls). */
    private static java.util.List<String> diskFillFiles(String containerId) {
        try {
            Process ls = new ProcessBuilder("docker", "exec", containerId, "/bin/busybox", "ls", "-A", "/tmp")
                    .redirectErrorStream(true).start();
            String out = new String(ls.getInputStream().readAllBytes());
            if (!ls.waitFor(10, TimeUnit.SECONDS) || ls.exitValue() != 0) {
                throw new IllegalStateException("docker exec ls /tmp in " + containerId + " failed: " + out);
            }
            return out.lines().filter(l -> l.startsWith("faultline-disk-fill-")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long ledgerEntries(Path ledger) {
        try (var files = Files.list(ledger)) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
