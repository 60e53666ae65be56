package dev.faultline.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A MariaDB server of a test's own, from Debian's {@code mariadb-server} package (the MySQL protocol, read with
 * MySQL's own JDBC driver): {@code mariadb-install-db} in a fresh directory, {@code mariadbd} on a free loopback
 * port with its socket in that directory and no option file read ({@code --no-defaults}), so it never touches a
 * system server; a database {@code shop} and a user with a password for TCP. Stopped by its pid and deleted by
 * {@link #close()}. Where the binaries are absent the calling test is skipped, saying what to install.
 */
public final class TestMariaDb implements AutoCloseable {

    public static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    public static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    public static final Path CLIENT = Path.of("/usr/bin/mariadb");
    public static final String USER = "faultline";
    public static final String DATABASE = "shop";

    private final Path dir;
    private final int port;
    private final String password = UUID.randomUUID().toString().replace("-", "");
    private Process server;

    private TestMariaDb() throws IOException {
        this.dir = Files.createTempDirectory("faultline-mariadb-");
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = free.getLocalPort();
        }
    }

    /** Starts a server, or skips the calling test when MariaDB is not installed. */
    public static TestMariaDb start() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(SERVER) && Files.isExecutable(INSTALL_DB)
                        && Files.isExecutable(CLIENT),
                "MariaDB not found (" + SERVER + "): install Debian's mariadb-server package (apt-get install -y"
                        + " mariadb-server; ./faultline test installs it)");
        TestMariaDb db = new TestMariaDb();
        try {
            db.initAndStart();
        } catch (IOException | InterruptedException | RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    private void initAndStart() throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> asUser = root ? List.of("--user=root") : List.of();
        List<String> install = new ArrayList<>(List.of(INSTALL_DB.toString(), "--no-defaults",
                "--datadir=" + data(), "--auth-root-authentication-method=socket", "--skip-test-db"));
        install.addAll(asUser);
        ServerCommands.run(install, dir, null);
        List<String> command = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults", "--datadir=" + data(),
                "--socket=" + socket(), "--port=" + port, "--bind-address=127.0.0.1", "--skip-name-resolve",
                "--pid-file=" + dir.resolve("mariadb.pid"), "--log-error=" + dir.resolve("mariadb.log"),
                "--innodb-buffer-pool-size=32M"));
        command.addAll(asUser);
        server = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.out").toFile()).start();
        awaitSocket(Duration.ofSeconds(60));
        sql("CREATE DATABASE " + DATABASE + "; CREATE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password
                + "'; GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'127.0.0.1';");
    }

    private void awaitSocket(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("mariadbd exited " + server.exitValue() + ":\n" + log());
            }
            if (Files.exists(socket()) && clientAnswers()) {
                return;
            }
            Thread.sleep(200); // the server's own start time; nothing to wait on but its socket
        }
        throw new IllegalStateException("mariadbd did not answer within " + timeout + ":\n" + log());
    }

    private boolean clientAnswers() throws IOException, InterruptedException {
        Process ping = new ProcessBuilder(CLIENT.toString(), "--no-defaults", "--socket=" + socket(), "-uroot",
                "-e", "SELECT 1").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return ping.waitFor(10, TimeUnit.SECONDS) && ping.exitValue() == 0;
    }

    /** Runs SQL as the server's root, over its socket. */
    public void sql(String statements) throws IOException, InterruptedException {
        ServerCommands.run(List.of(CLIENT.toString(), "--no-defaults", "--socket=" + socket(), "-uroot", "-e",
                statements), dir, dir.resolve("mariadb.log"));
    }

    private Path data() {
        return dir.resolve("data");
    }

    private Path socket() {
        return dir.resolve("mariadb.sock");
    }

    public String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String password() {
        return password;
    }

    private String log() throws IOException {
        Path log = dir.resolve("mariadb.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
    }

    /** Stops the server it started (SIGTERM: a clean shutdown, then SIGKILL after 30 s) and deletes its directory. */
    @Override
    public void close() {
        try {
            if (server != null && server.isAlive()) {
                server.destroy();
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ServerCommands.deleteQuietly(dir);
        }
    }
}
