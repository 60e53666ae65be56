package dev.faultline.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proxy on loopback against an echo server the test runs: real sockets, real time. */
class DelayingTcpProxyTest {

    private ServerSocket echo;
    private LocalProxy proxy;

    @AfterEach
    void close() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    @Test
    void everyExchangeTakesTheDelayLongerAndBytesArriveIntact() throws Exception {
        startEcho();
        proxy = DelayingTcpProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                (InetSocketAddress) echo.getLocalSocketAddress(),
                new ChunkDelay(Duration.ofMillis(150), Duration.ZERO, new Random(1)));
        try (Socket socket = new Socket()) {
            socket.connect(proxy.address(), 1000);
            socket.setSoTimeout(3000);
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                byte[] message = ("ping-" + i).getBytes();
                long start = System.nanoTime();
                socket.getOutputStream().write(message);
                byte[] back = socket.getInputStream().readNBytes(message.length);
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertThat(back).isEqualTo(message);
            }
            assertThat(millis).allSatisfy(ms -> assertThat(ms).isBetween(150L, 400L));
        }
    }

    @Test
    void closingStopsListeningAndCutsConnections() throws Exception {
        startEcho();
        proxy = DelayingTcpProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                (InetSocketAddress) echo.getLocalSocketAddress(),
                new ChunkDelay(Duration.ofMillis(10), Duration.ZERO, new Random(1)));
        InetSocketAddress address = proxy.address();
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            socket.setSoTimeout(3000);
            proxy.close();
            assertThat(proxy.isOpen()).isFalse();
            assertThat(readOrReset(socket)).as("connection cut (end of stream or reset)").isEqualTo(-1);
        }
        // close() waits for the accepting thread, so the port is closed when it returns.
        try (Socket again = new Socket()) {
            again.connect(address, 1000);
            throw new AssertionError("the proxy port still accepts connections after close");
        } catch (IOException refused) {
            // expected: nothing listens any more
        }
    }

    @Test
    void aHalfCloseTravelsDelayedAfterTheLastBytes() throws Exception {
        startEcho();
        proxy = DelayingTcpProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                (InetSocketAddress) echo.getLocalSocketAddress(),
                new ChunkDelay(Duration.ofMillis(100), Duration.ZERO, new Random(1)));
        try (Socket socket = new Socket()) {
            socket.connect(proxy.address(), 1000);
            socket.setSoTimeout(3000);
            long start = System.nanoTime();
            socket.getOutputStream().write("last words".getBytes());
            socket.shutdownOutput();
            // the echo server answers and closes only once it has seen the end of the client's stream
            assertThat(new String(socket.getInputStream().readAllBytes())).isEqualTo("last words");
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(100L, 1000L);
        }
    }

    @Test
    void stopsReadingFromTheUpstreamWhileTheClientDoesNotReadSoMemoryStaysBounded() throws Exception {
        int total = 64 * 1024 * 1024;
        AtomicLong sent = new AtomicLong();
        try (ServerSocket flood = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread sender = new Thread(() -> {
                try (Socket s = flood.accept(); OutputStream out = s.getOutputStream()) {
                    byte[] block = new byte[64 * 1024];
                    while (sent.get() < total) {
                        out.write(block);
                        sent.addAndGet(block.length);
                    }
                } catch (IOException ignored) {
                    // the test ended the connection
                }
            });
            sender.setDaemon(true);
            sender.start();
            proxy = DelayingTcpProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    (InetSocketAddress) flood.getLocalSocketAddress(),
                    new ChunkDelay(Duration.ofMillis(5), Duration.ZERO, new Random(1)));
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(64 * 1024);
                socket.connect(proxy.address(), 1000);
                socket.setSoTimeout(5000);
                // Nothing is read for two seconds: what the dependency could send in that time is what the kernel's
                // socket buffers and the proxy's bounded hold take, far below all of it.
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                        .until(() -> sent.get() < total / 2);
                long stalledAt = sent.get();
                long received = 0;
                byte[] buffer = new byte[256 * 1024];
                for (int n; received < total && (n = socket.getInputStream().read(buffer)) >= 0; ) {
                    received += n;
                }
                System.out.printf("delay proxy backpressure: dependency stalled after %d of %d bytes; "
                        + "client then read %d%n", stalledAt, total, received);
                assertThat(received).as("every byte arrives once the client reads").isEqualTo(total);
            }
        }
    }

    private static int readOrReset(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    private void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread c = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException ignored) {
                            // client gone
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
