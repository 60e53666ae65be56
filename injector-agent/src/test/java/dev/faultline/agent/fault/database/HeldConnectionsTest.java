package dev.faultline.agent.fault.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldConnectionsTest {

    @Test
    void holdsTheRequestedConnectionsUntilClosed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(3000);
            HeldConnections held = HeldConnections.open((InetSocketAddress) server.getLocalSocketAddress(), 20,
                    Duration.ofSeconds(3));
            List<Socket> accepted = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    accepted.add(server.accept());
                }
                assertThat(held.count()).isEqualTo(20);
                for (Socket socket : accepted) {
                    socket.setSoTimeout(200);
                    assertThatThrownBy(() -> socket.getInputStream().read()).as("still open while held")
                            .isInstanceOf(java.net.SocketTimeoutException.class);
                }
                held.close();
                for (Socket socket : accepted) {
                    socket.setSoTimeout(3000);
                    assertThat(socket.getInputStream().read()).as("closed by the holder").isEqualTo(-1);
                }
            } finally {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void holdsNothingWhereNothingListens() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (HeldConnections held = HeldConnections.open(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5, Duration.ofSeconds(2))) {
            assertThat(held.count()).isZero();
        }
    }
}
