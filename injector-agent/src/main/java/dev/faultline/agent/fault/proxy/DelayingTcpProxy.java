package dev.faultline.agent.fault.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
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

    private final InetSocketAddress upstream;
    private final ChunkDelay delay;
    private ProxyListener listener;

    private DelayingTcpProxy(InetSocketAddress upstream, ChunkDelay delay) {
        this.upstream = upstream;
        this.delay = delay;
    }

    public static DelayingTcpProxy start(InetSocketAddress listen, InetSocketAddress upstream, ChunkDelay delay) {
        DelayingTcpProxy proxy = new DelayingTcpProxy(upstream, delay);
        proxy.listener = ProxyListener.bind(listen, "delay proxy", MAX_CONNECTIONS * 2, proxy::connect);
        proxy.listener.startAccepting();
        return proxy;
    }

    @Override
    public InetSocketAddress address() {
        return listener.address();
    }

    @Override
    public boolean isOpen() {
        return listener.isOpen();
    }

    @Override
    public void close() {
        listener.close();
    }

    private void connect(Socket client) {
        Socket up = new Socket();
        listener.track(up);
        try {
            client.setTcpNoDelay(true);
            up.setTcpNoDelay(true);
            up.connect(upstream, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            LOG.debugf("delay proxy cannot reach %s: %s", upstream, e.getMessage());
            listener.release(client, up);
            return;
        }
        Connection connection = new Connection(client, up);
        ProxyListener.daemon("faultline-delay-up", connection::forwardClientToUpstream).start();
        ProxyListener.daemon("faultline-delay-read", connection::readUpstream).start();
        ProxyListener.daemon("faultline-delay-write", connection::writeDelayed).start();
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
                listener.release(client, up);
            }
        }

        private void abort() {
            listener.release(client, up);
        }
    }

    private record Chunk(byte[] bytes, long releaseAtNanos) {
    }
}
