package dev.faultline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * An HAProxy process of a test's own, from Debian's {@code haproxy} package ({@code /usr/sbin/haproxy}): the caller's
 * configuration in a fresh directory, run in the foreground ({@code -db}) as a child of the test, so {@link #close()}
 * stops exactly that process and deletes the directory. Where the binary is absent the calling test is skipped,
 * saying what to install.
 */
public final class TestHaproxy implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/haproxy");

    private final Path dir;
    private final Process process;

    private TestHaproxy(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** Skips the calling test when Debian's HAProxy is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "HAProxy not found at " + BINARY
                + "; install Debian's package: apt-get install -y haproxy");
    }

    /** A free TCP port on the loopback interface, for a {@code bind} line. */
    public static int freePort() {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts HAProxy with {@code config} (checked with {@code -c} first, so a bad one fails with HAProxy's own words)
     * and waits until {@code readyPort} on 127.0.0.1 accepts connections.
     */
    public static TestHaproxy start(String config, int readyPort) throws IOException, InterruptedException {
        assumeInstalled();
        Path dir = Files.createTempDirectory("faultline-haproxy-");
        Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), config, StandardCharsets.UTF_8);
        Path log = dir.resolve("haproxy.log");
        Process check = new ProcessBuilder(BINARY.toString(), "-c", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
            check.destroyForcibly();
            String why = Files.readString(log);
            ServerCommands.deleteQuietly(dir);
            throw new IllegalStateException("HAProxy refused the configuration: " + why);
        }
        Process process = new ProcessBuilder(BINARY.toString(), "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        TestHaproxy haproxy = new TestHaproxy(dir, process);
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (!accepts(readyPort)) {
            if (!process.isAlive() || Instant.now().isAfter(until)) {
                String why = Files.readString(log);
                haproxy.close();
                throw new IllegalStateException("HAProxy did not start: " + why);
            }
            Thread.sleep(50);
        }
        return haproxy;
    }

    /** What HAProxy logged so far (its alerts and warnings), for a failing test's message. */
    public String log() {
        try {
            return Files.readString(dir.resolve("haproxy.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops this test's HAProxy process (and only it) and deletes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            ServerCommands.deleteQuietly(dir);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
