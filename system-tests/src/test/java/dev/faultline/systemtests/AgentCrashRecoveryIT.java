package dev.faultline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.systemtests.FaultlineStack.Service;
import dev.faultline.testsupport.TestContainers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent process is killed with SIGKILL while two faults whose effects outlast processes are in effect: a
 * stopped container and a file filling a container's disk. Nobody reverts them while it is dead; the agent started
 * again on the same ledger must, and must not report a revert that did not happen.
 */
class AgentCrashRecoveryIT {

    static TestContainers containers;
    static FaultlineStack stack;

    @BeforeAll
    static void startEverything() throws Exception {
        containers = new TestContainers();
        stack = FaultlineStack.started(Path.of("target", "e2e"));
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
        if (containers != null) {
            containers.close();
        }
    }

    @Test
    void aRestartedAgentStartsTheStoppedContainerAndDeletesTheDiskFillFile() throws Exception {
        TestContainers.Started stopped = containers.startDemoTarget("faultline-crash-stop", Map.of());
        TestContainers.Started filled = containers.startDemoTarget("faultline-crash-fill", Map.of());
        stack.awaitTarget(stopped.name(), Duration.ofSeconds(60));
        stack.awaitTarget(filled.name(), Duration.ofSeconds(60));

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
        var created = stack.post(Service.ORCHESTRATOR, "/api/v1/runs", "application/yaml", experiment);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String runId = ChaosJson.messages().readTree(created.body()).get("runId").asText();
        awaitTrue("both faults injected", Duration.ofSeconds(30), () -> injectedCount(runId) == 2);
        assertThat(status(stopped.id())).isEqualTo("exited");
        assertThat(diskFillFiles(filled.id())).hasSize(1);

        stack.crash(Service.INJECTOR_AGENT);
        Thread.sleep(1000);
        assertThat(status(stopped.id())).as("nobody starts it while the agent is dead").isEqualTo("exited");
        assertThat(diskFillFiles(filled.id())).as("nor deletes the file").hasSize(1);

        stack.restart(Service.INJECTOR_AGENT);

        awaitTrue("the stopped container runs again", Duration.ofSeconds(30),
                () -> "running".equals(status(stopped.id())));
        awaitTrue("the disk-fill file is gone", Duration.ofSeconds(30), () -> diskFillFiles(filled.id()).isEmpty());
        Path ledger = stack.secretsDir.getParent().resolve("agent-ledger");
        awaitTrue("the ledger is empty", Duration.ofSeconds(10), () -> ledgerEntries(ledger) == 0);
        assertThat(Files.readString(stack.logDir.resolve("injector-agent.log")))
                .as("the restarted agent says what it recovered")
                .contains("container-stop").contains("disk-fill").contains("recovered-from-ledger");
    }

    private int injectedCount(String runId) {
        try {
            var run = ChaosJson.messages().readTree(stack.get(Service.ORCHESTRATOR, "/api/v1/runs/" + runId).body());
            assertThat(run.path("failed")).as("faults that failed: " + run.path("failed")).isEmpty();
            return run.path("injected").size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String status(String containerId) {
        InspectContainerResponse inspected = containers.docker().inspectContainerCmd(containerId).exec();
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

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within " + timeout + ": " + what);
    }
}
