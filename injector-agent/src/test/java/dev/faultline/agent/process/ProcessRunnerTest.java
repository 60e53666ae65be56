package dev.faultline.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {

    private final ProcessRunner runner = new ProcessRunner();

    @Test
    void returnsOutputOfACommandThatSucceeds() {
        ProcessResult result = runner.run(List.of("echo", "hello"), Duration.ofSeconds(5));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("hello\n");
    }

    @Test
    void nonZeroExitFailsWithStderr() {
        // A fixed script written by the test, not user input.
        List<String> command = List.of("sh", "-c", "echo 'no such process' >&2; exit 3");

        assertThatThrownBy(() -> runner.run(command, Duration.ofSeconds(5)))
                .isInstanceOf(ProcessFailedException.class)
                .hasMessageContaining("exited with 3")
                .hasMessageContaining("no such process");
    }

    @Test
    void killsACommandThatOverrunsItsTimeout() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> runner.run(List.of("sleep", "20"), Duration.ofMillis(300)))
                .isInstanceOf(ProcessFailedException.class)
                .hasMessageContaining("did not finish within 300 ms");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void missingProgramFailsClearly() {
        assertThatThrownBy(() -> runner.run(List.of("faultline-no-such-program"), Duration.ofSeconds(5)))
                .isInstanceOf(ProcessFailedException.class)
                .hasMessageContaining("cannot run faultline-no-such-program");
    }
}
