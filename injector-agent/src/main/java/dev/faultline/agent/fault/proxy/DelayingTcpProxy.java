package dev.faultline.agent.fault.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A TCP proxy that really delays bytes: everything the upstream (the dependency) sends is held for the
 * {@link ChunkDelay} of its chunk before it is written to the client (the target); what the client sends goes
 * upstream at once. So every request/response exchange takes {@code delay ± jitter} longer, the jitter drawn per
 * chunk, and throughput is not capped (chunks are queued, not serialised behind each other's delay).
 *
 * <p>Blocking I/O with a few threads per connection: these are test-time connections of one target to one
 * dependency, and plain threads make ordering and half-close easy to get right. Connections beyond
 * {@link #MAX_CONNECTIONS} are refused (closed) so a connection storm cannot exhaust the agent.
 */
public final class DelayingTcpProxy implements LocalProxy {

    private static final Logger LOG = Logger.getLogger(DelayingTcpProxy.class);
    static final int MAX_CONNECTIONS = 256;
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    private static final byte[] END_OF_STREAM = new byte[0];

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final ChunkDelay delay;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;
    private volatile Thread acceptThread;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private DelayingTcpProxy(ServerSocket server, InetSocketAddress upstream, ChunkDelay delay) {
        this.server = server;
        this.upstream = upstream;
        this.delay = delay;
    }

    public static DelayingTcpProxy start(InetSocketAddress listen, InetSocketAddress upstream, ChunkDelay delay) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(listen, 64);
            DelayingTcpProxy proxy = new DelayingTcpProxy(server, upstream, delay);
            Thread accept = thread("faultline-delay-accept-" + server.getLocalPort(), proxy::acceptLoop);
            proxy.acceptThread = accept;
            accept.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + listen + " for the delay proxy: " + e.getMessage(), e);
        }
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /**
     * Stops listening and cuts every connection. Waits (briefly) for the accepting thread to let go of the port:
     * the JDK only releases a listening socket once the thread blocked in accept has woken up, and callers (the
     * revert, the tests) rely on the port being closed when this returns.
     */
    @Override
    public void close() {
        open = false;
        closeQuietly(server);
        Thread accepting = acceptThread;
        if (accepting != null && accepting != Thread.currentThread()) {
            try {
                accepting.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // After the accepting thread is gone, so that a connection it took at the last moment is cut too.
        sockets.forEach(DelayingTcpProxy::closeQuietly);
        sockets.clear();
    }

    private void acceptLoop() {
        while (open) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (open) {
                    LOG.warnf("delay proxy %s stopped accepting: %s", address(), e.getMessage());
                }
                return;
            }
            if (!open) {
                closeQuietly(client);
                return;
            }
            if (sockets.size() >= MAX_CONNECTIONS * 2) {
                closeQuietly(client);
                continue;
            }
            sockets.add(client);
            thread("faultline-delay-conn", () -> connect(client)).start();
        }
    }

    private void connect(Socket client) {
        Socket up = new Socket();
        sockets.add(up);
        try {
            client.setTcpNoDelay(true);
            up.setTcpNoDelay(true);
            up.connect(upstream, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            LOG.debugf("delay proxy cannot reach %s: %s", upstream, e.getMessage());
            release(client, up);
            return;
        }
        Connection connection = new Connection(client, up);
        thread("faultline-delay-up", connection::forwardClientToUpstream).start();
        thread("faultline-delay-read", connection::readUpstream).start();
        thread("faultline-delay-write", connection::writeDelayed).start();
    }

    private void release(Socket... pair) {
        for (Socket s : pair) {
            closeQuietly(s);
            sockets.remove(s);
        }
    }

    /** One client connection and its upstream twin; closed when both directions have ended or one failed. */
    private final class Connection {
        private final Socket client;
        private final Socket up;
        private final BlockingQueue<Chunk> pending = new LinkedBlockingQueue<>();
        private int directionsDone;

        Connection(Socket client, Socket up) {
            this.client = client;
            this.up = up;
        }

        void forwardClientToUpstream() {
            try (InputStream in = client.getInputStream()) {
                OutputStream out = up.getOutputStream();
                byte[] buffer = new byte[16 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
                up.shutdownOutput();
                directionDone();
            } catch (IOException e) {
                abort();
            }
        }

        void readUpstream() {
            long previous = Long.MIN_VALUE;
            try {
                InputStream in = up.getInputStream();
                byte[] buffer = new byte[16 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    previous = delay.releaseAt(System.nanoTime(), previous);
                    pending.add(new Chunk(Arrays.copyOf(buffer, n), previous));
                }
                // The end of the stream is delayed like data, so a close does not overtake the last bytes.
                pending.add(new Chunk(END_OF_STREAM, delay.releaseAt(System.nanoTime(), previous)));
            } catch (IOException e) {
                pending.add(new Chunk(null, 0));
            }
        }

        void writeDelayed() {
            try {
                OutputStream out = client.getOutputStream();
                while (true) {
                    Chunk chunk = pending.take();
                    if (chunk.bytes() == null) {
                        abort();
                        return;
                    }
                    long wait = chunk.releaseAtNanos() - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (chunk.bytes() == END_OF_STREAM) {
                        client.shutdownOutput();
                        directionDone();
                        return;
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException e) {
                abort();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort();
            }
        }

        private synchronized void directionDone() {
            if (++directionsDone == 2) {
                release(client, up);
            }
        }

        private void abort() {
            release(client, up);
        }
    }

    private record Chunk(byte[] bytes, long releaseAtNanos) {
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing on the way out: nothing useful to do with a failure
        }
    }
}
