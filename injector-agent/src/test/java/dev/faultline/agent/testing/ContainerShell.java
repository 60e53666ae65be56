package dev.faultline.agent.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands where integration tests measure: inside a test container ({@code docker exec}, busybox) or in a
 * container's network namespace from the host ({@code nsenter}). Unlike the agent's ProcessRunner, a non-zero exit
 * is a result here (a refused wget is what some tests expect), not an exception.
 */
public final class ContainerShell {

    public record Result(int exitCode, String stdout, String stderr) {
    }

    private ContainerShell() {
    }

    /** {@code sh -c script} inside the container, with the image's busybox. */
    public static Result exec(String containerId, String script, int timeoutSeconds) {
        return run(List.of("docker", "exec", containerId, "/bin/busybox", "sh", "-c", script), timeoutSeconds);
    }

    /** A host command inside the network namespace of {@code pid}. */
    public static Result inNamespace(long pid, List<String> command) {
        List<String> all = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-n", "--"));
        all.addAll(command);
        return run(all, 10);
    }

    public static Result run(List<String> command, int timeoutSeconds) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("faultline-it", ".out");
            err = Files.createTempFile("faultline-it", ".err");
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            try {
                if (out != null) {
                    Files.deleteIfExists(out);
                }
                if (err != null) {
                    Files.deleteIfExists(err);
                }
            } catch (IOException ignored) {
                // temp files
            }
        }
    }

    /**
     * Times {@code count} runs of {@code command} inside the container with busybox {@code time} (10 ms
     * resolution) and returns the wall times in milliseconds.
     */
    public static List<Long> timeRuns(String containerId, String command, int count) {
        String script = "for i in $(seq " + count + "); do time -f 'ELAPSED %e' " + command + " >/dev/null 2>>/tmp/t; done;"
                + " grep ELAPSED /tmp/t; rm -f /tmp/t";
        Result result = exec(containerId, script, 60);
        List<Long> millis = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            if (line.startsWith("ELAPSED ")) {
                millis.add(Math.round(Double.parseDouble(line.substring(8).trim()) * 1000));
            }
        }
        if (millis.size() != count) {
            throw new IllegalStateException("expected " + count + " timings, got " + result);
        }
        return millis;
    }

    public static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
