package dev.faultline.agent.fault.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.agent.fault.Target;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.testing.FakeContainerRuntime;
import dev.faultline.common.fault.DiskFill;
import dev.faultline.common.target.TargetRef;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk-fill file of a crashed agent: the next agent process (a new executor, nothing in memory) finds it by
 * the fault id alone. The container's root is a directory under a fake /proc; fallocate runs for real on it.
 */
class DiskFillRecoveryTest {

    private static final long PID = 4242;

    @TempDir
    Path proc;

    private final FakeContainerRuntime runtime = new FakeContainerRuntime()
            .add(FakeContainerRuntime.running("c1", true));

    @Test
    void aNewAgentProcessDeletesTheFileOfTheOneThatDied() throws Exception {
        Path tmp = Files.createDirectories(proc.resolve(PID + "/root/tmp"));
        Files.writeString(tmp.resolve("app.log"), "the application's own file");
        DiskFill spec = new DiskFill(1, "/tmp");
        new DiskFillExecutor(new ProcessRunner(), runtime, proc).apply(target("fault/7 x"), spec);
        assertThat(tmp.resolve(DiskFillExecutor.fileName("fault/7 x"))).exists().hasSize(1024 * 1024);

        new DiskFillExecutor(new ProcessRunner(), runtime, proc).revert(target("fault/7 x"), spec);

        assertThat(Files.list(tmp)).as("only the application's file is left").containsExactly(tmp.resolve("app.log"));
    }

    @Test
    void theFileOfAStoppedContainerIsKeptUntilItRuns() throws Exception {
        Path tmp = Files.createDirectories(proc.resolve(PID + "/root/tmp"));
        DiskFill spec = new DiskFill(1, "/tmp");
        new DiskFillExecutor(new ProcessRunner(), runtime, proc).apply(target("f-1"), spec);

        DiskFillExecutor next = new DiskFillExecutor(new ProcessRunner(), runtime, proc);
        assertThatThrownBy(() -> next.revertWhileDown(FakeContainerRuntime.exited("c1", true), spec, "f-1"))
                .hasMessageContaining("stays in its filesystem until it runs");
        assertThat(tmp.resolve(DiskFillExecutor.fileName("f-1"))).exists();

        next.revertWhileDown(FakeContainerRuntime.running("c1", true), spec, "f-1");
        assertThat(tmp.resolve(DiskFillExecutor.fileName("f-1"))).doesNotExist();
    }

    @Test
    void fileNamesCannotLeaveTheDirectory() {
        assertThat(DiskFillExecutor.fileName("../../etc/passwd")).isEqualTo("faultline-disk-fill-.._.._etc_passwd")
                .doesNotContain("/");
        assertThatThrownBy(() -> DiskFillExecutor.fileName(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Target target(String faultId) {
        return new Target(new TargetRef("agent-a", "c1", "c1-name"), "c1", "c1-name", PID, faultId);
    }
}
