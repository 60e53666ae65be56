package dev.faultline.agent.process;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one way the agent runs host commands: an argument list (no shell, so no quoting or injection), a time limit,
 * and a failure that carries stderr when the command exits non-zero.
 */
@ApplicationScoped
public class ProcessRunner {

    /** Beyond this, output is cut: these commands print a line or two, more means something is wrong. */
    private static final int MAX_OUTPUT_CHARS = 4000;

    /**
     * Runs {@code command} and waits for it.
     *
     * @return the result of a command that exited 0
     * @throws ProcessFailedException on a non-zero exit (message includes stderr), a timeout (the process is
     *                                killed), or when it cannot start
     */
    public ProcessResult run(List<String> command, Duration timeout) {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("a command is required");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        Path out = null;
        Path err = null;
        try {
            // Files rather than pipes: a chatty command cannot block on a full pipe while we wait for it.
            out = Files.createTempFile("faultline-cmd", ".out");
            err = Files.createTempFile("faultline-cmd", ".err");
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(1, TimeUnit.SECONDS);
                throw new ProcessFailedException(command,
                        String.join(" ", command) + " did not finish within " + timeout.toMillis() + " ms; killed it");
            }
            ProcessResult result = new ProcessResult(command, process.exitValue(), read(out), read(err));
            if (result.exitCode() != 0) {
                String stderr = result.stderr().isBlank() ? "(no stderr)" : result.stderr().strip();
                throw new ProcessFailedException(command,
                        String.join(" ", command) + " exited with " + result.exitCode() + ": " + stderr);
            }
            return result;
        } catch (IOException e) {
            throw new ProcessFailedException(command, "cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessFailedException(command, "interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static String read(Path file) throws IOException {
        // Lenient decoding: a stray byte in a tool's output must not hide its exit code.
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return text.length() > MAX_OUTPUT_CHARS ? text.substring(0, MAX_OUTPUT_CHARS) + "..." : text;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
