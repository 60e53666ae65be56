package dev.faultline.orchestrator.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.faultline.common.experiment.DataIntegrity;
import dev.faultline.common.experiment.HttpReadBack;
import dev.faultline.common.experiment.JdbcReadBack;
import dev.faultline.common.validation.Violation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntegrityPreflightTest {

    private final AtomicInteger status = new AtomicInteger(404);
    private final List<String> paths = new ArrayList<>();
    private final IntegrityPreflight preflight = new IntegrityPreflight("127.0.0.1:1", Optional.empty(), "us-east-1");
    private HttpServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            synchronized (paths) {
                paths.add(exchange.getRequestURI().getPath());
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private DataIntegrity readBack(int port) {
        return DataIntegrity.ofReadBack(new HttpReadBack("http://127.0.0.1:" + port + "/items/{id}", 200), null,
                null);
    }

    @Test
    void anEndpointThatAnswersAnUnknownIdPasses() {
        assertThat(preflight.problems(readBack(server.getAddress().getPort()))).isEmpty();
        assertThat(paths).containsExactly("/items/" + IntegrityPreflight.PROBE_ID);
    }

    @Test
    void anEndpointAnswering5xxFails() {
        status.set(503);
        assertThat(preflight.problems(readBack(server.getAddress().getPort())))
                .singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("integrity.readBack.url");
                    assertThat(v.message()).contains("answered 503");
                });
    }

    @Test
    void anEndpointNobodyListensOnFailsTheDryRunSayingSo() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> preflight.requireReachable(readBack(closed)))
                .isInstanceOfSatisfying(PreflightFailedException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("integrity.readBack.url"))
                .hasMessageContaining("got no answer");
    }

    @Test
    void aDatabaseHostThatRefusesConnectionsIsNamedAndOneThatListensPasses() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThat(preflight.problems(DataIntegrity.ofJdbc(new JdbcReadBack("jdbc:postgresql://127.0.0.1:" + closed
                + "/shop", "shop", null, "orders", "id"), null, null)))
                .singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("integrity.jdbc.url");
                    assertThat(v.message()).contains("127.0.0.1:" + closed + " does not accept connections");
                });
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(preflight.problems(DataIntegrity.ofJdbc(new JdbcReadBack("jdbc:postgresql://127.0.0.1:"
                    + listening.getLocalPort() + "/shop?ssl=false", "shop", null, "orders", "id"), null, null)))
                    .isEmpty();
        }
    }
}
