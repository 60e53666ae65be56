package dev.faultline.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionResolverTest {

    @TempDir
    Path home;

    @Test
    void defaultsAreTheLocalStacksPortsAndItsAdminToken() throws Exception {
        writeToken(home, "local-admin-token\n");
        Connection c = ConnectionResolver.resolve(null, null, null, Map.of("FAULTLINE_HOME", home.toString()),
                Path.of("/nowhere"));
        assertThat(c.orchestrator()).hasToString("http://127.0.0.1:18080");
        assertThat(c.reporter()).hasToString("http://127.0.0.1:18083");
        assertThat(c.token()).contains("local-admin-token");
        assertThat(c.tokenSource()).endsWith(".faultline/auth/admin.token");
    }

    @Test
    void flagsWinOverTheEnvironmentWhichWinsOverTheFiles() throws Exception {
        writeToken(home, "file-token");
        Map<String, String> env = Map.of("FAULTLINE_HOME", home.toString(), "FAULTLINE_URL", "http://env:1/",
                "FAULTLINE_REPORTER_URL", "http://env-reporter:2", "FAULTLINE_TOKEN", "env-token");
        Connection fromEnv = ConnectionResolver.resolve(null, null, null, env, home);
        assertThat(fromEnv.orchestrator()).hasToString("http://env:1");
        assertThat(fromEnv.reporter()).hasToString("http://env-reporter:2");
        assertThat(fromEnv.token()).contains("env-token");
        assertThat(fromEnv.tokenSource()).isEqualTo("FAULTLINE_TOKEN");

        Connection fromFlags = ConnectionResolver.resolve("https://flag:3", "http://flag-reporter:4", "flag-token",
                env, home);
        assertThat(fromFlags.orchestrator()).hasToString("https://flag:3");
        assertThat(fromFlags.reporter()).hasToString("http://flag-reporter:4");
        assertThat(fromFlags.token()).contains("flag-token");
    }

    @Test
    void withoutFaultlineHomeTheWorkingDirectoryIsTheCheckout() throws Exception {
        writeToken(home, "cwd-token");
        assertThat(ConnectionResolver.resolve(null, null, null, Map.of(), home).token()).contains("cwd-token");
    }

    @Test
    void noTokenAnywhereIsEmptyAndSaysWhereItLooked() {
        Connection c = ConnectionResolver.resolve(null, null, "  ", Map.of("FAULTLINE_TOKEN", ""), home);
        assertThat(c.token()).isEmpty();
        assertThat(c.tokenSource()).isEqualTo(home.resolve(".faultline/auth/admin.token").toString());
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedNamingWhereItCameFrom() {
        assertThatThrownBy(() -> ConnectionResolver.resolve(null, null, null, Map.of("FAULTLINE_URL", "localhost:80"),
                home)).hasMessageContaining("'localhost:80' (--url / FAULTLINE_URL) is not an http(s) URL");
        assertThatThrownBy(() -> ConnectionResolver.resolve(null, "ftp://x", null, Map.of(), home))
                .hasMessageContaining("--reporter-url");
    }

    private static void writeToken(Path home, String token) throws Exception {
        Path file = home.resolve(ConnectionResolver.LOCAL_TOKEN);
        Files.createDirectories(file.getParent());
        Files.writeString(file, token);
    }
}
