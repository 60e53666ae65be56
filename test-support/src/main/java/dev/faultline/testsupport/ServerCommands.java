package dev.faultline.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the test servers started from Debian's packages (PostgreSQL, MariaDB, HAProxy) have in common: their
 * set-up commands run in the server's own directory with their output kept in {@code command.log} (shown, with the
 * server's own log, when one fails), and the directory deleted at the end.
 */
final class ServerCommands {

    private ServerCommands() {
    }

    /** Runs {@code command} in {@code dir} for at most 90 s; throws with its output and the server log on failure. */
    static void run(List<String> command, Path dir, Path serverLog) throws IOException, InterruptedException {
        Path log = dir.resolve("command.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        if (process.exitValue() != 0) {
            String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            throw new IllegalStateException(command + " exited " + process.exitValue() + ":\n" + output
                    + (serverLog != null && Files.exists(serverLog)
                            ? "\n" + Files.readString(serverLog, StandardCharsets.UTF_8) : ""));
        }
    }

    /** Deletes a server's directory; best effort: a temp directory left behind is harmless once the server stopped. */
    static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // see above
        }
    }
}
