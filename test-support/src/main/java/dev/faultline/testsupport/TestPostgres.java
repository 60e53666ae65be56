package dev.faultline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL cluster of a test's own, from Debian's {@code postgresql} package ({@code /usr/lib/postgresql/<v>/bin},
 * which {@code ./faultline test} installs): initdb in a fresh directory, started with pg_ctl on a free loopback port
 * (socket in that directory, so it never touches the system's cluster), and stopped and deleted by {@link #close()}.
 * PostgreSQL refuses to run as root, so as root it runs as the {@code postgres} user, which owns the directory.
 * Where the binaries are absent the calling test is skipped, saying what to install.
 */
public final class TestPostgres implements AutoCloseable {

    public static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    public static final String SUPERUSER = "postgres";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final String password = UUID.randomUUID().toString();
    private final boolean asPostgresUser;
    private boolean started;

    private TestPostgres(Path bin) throws IOException {
        this.bin = bin;
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
        this.dir = Files.createTempDirectory("faultline-pg-");
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = free.getLocalPort();
        }
    }

    /** The highest installed major version's bin directory. */
    public static Optional<Path> binaries() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> version(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Starts a cluster, or skips the calling test when PostgreSQL is not installed. */
    public static TestPostgres start() throws IOException, InterruptedException {
        Optional<Path> bin = binaries();
        Assumptions.assumeTrue(bin.isPresent(), "PostgreSQL binaries not found under " + DEBIAN_ROOT
                + "/<version>/bin: install Debian's postgresql package (apt-get install -y postgresql;"
                + " ./faultline test installs it)");
        TestPostgres pg = new TestPostgres(bin.get());
        try {
            pg.initAndStart();
        } catch (IOException | InterruptedException | RuntimeException e) {
            pg.close();
            throw e;
        }
        return pg;
    }

    private void initAndStart() throws IOException, InterruptedException {
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
        if (asPostgresUser) {
            ServerCommands.run(List.of("chown", "-R", SUPERUSER, dir.toString()), dir, null);
        }
        // TCP needs the password (the read-back's passwordEnv is exercised); the directory's socket trusts its owner
        Path serverLog = dir.resolve("postgres.log");
        ServerCommands.run(asUser(List.of(bin.resolve("initdb").toString(), "-D", data().toString(), "-U", SUPERUSER,
                "-E", "UTF8", "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + pwfile)), dir,
                serverLog);
        ServerCommands.run(asUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l",
                serverLog.toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start")), dir, serverLog);
        started = true;
    }

    private Path data() {
        return dir.resolve("data");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    private List<String> asUser(List<String> command) {
        if (!asPostgresUser) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", SUPERUSER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Stops the server (fast shutdown) and deletes its directory. */
    @Override
    public void close() {
        try {
            if (started) {
                started = false;
                ServerCommands.run(asUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m",
                        "fast", "-w", "stop")), dir, dir.resolve("postgres.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ServerCommands.deleteQuietly(dir);
        }
    }
}
