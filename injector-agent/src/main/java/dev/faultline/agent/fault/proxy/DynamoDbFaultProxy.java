package dev.faultline.agent.fault.proxy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * An HTTP/1.1 proxy for the DynamoDB JSON API that applies a {@link DynamoDbFaultPlan} to each request: it waits
 * the operation's delay, then either answers with the chosen error (the request never reaches DynamoDB, as with a
 * real throttle) or forwards the request byte for byte and relays the response. Requests no rule names pass
 * through untouched. Keep-alive is kept: each client connection has one upstream connection of its own.
 */
public final class DynamoDbFaultProxy implements LocalProxy {

    private static final Logger LOG = Logger.getLogger(DynamoDbFaultProxy.class);
    static final int MAX_CONNECTIONS = 256;
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final DynamoDbFaultPlan plan;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;
    private volatile Thread acceptThread;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private DynamoDbFaultProxy(ServerSocket server, InetSocketAddress upstream, DynamoDbFaultPlan plan) {
        this.server = server;
        this.upstream = upstream;
        this.plan = plan;
    }

    public static DynamoDbFaultProxy start(InetSocketAddress listen, InetSocketAddress upstream,
            DynamoDbFaultPlan plan) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(listen, 64);
            DynamoDbFaultProxy proxy = new DynamoDbFaultProxy(server, upstream, plan);
            Thread accept = new Thread(proxy::acceptLoop, "faultline-dynamodb-accept-" + server.getLocalPort());
            accept.setDaemon(true);
            proxy.acceptThread = accept;
            accept.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + listen + " for the DynamoDB proxy: " + e.getMessage(),
                    e);
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
        sockets.forEach(DynamoDbFaultProxy::closeQuietly);
        sockets.clear();
    }

    private void acceptLoop() {
        while (open) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (open) {
                    LOG.warnf("DynamoDB proxy %s stopped accepting: %s", address(), e.getMessage());
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
            Thread t = new Thread(() -> serve(client), "faultline-dynamodb-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket client) {
        Socket up = null;
        try {
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            InputStream fromUpstream = null;
            while (open) {
                HttpMessage request = HttpMessage.readRequest(fromClient);
                if (request == null) {
                    return;
                }
                DynamoDbFaultPlan.Decision decision = plan.decide(request.header("x-amz-target"));
                if (!decision.delay().isZero()) {
                    TimeUnit.NANOSECONDS.sleep(decision.delay().toNanos());
                }
                if (decision.error().isPresent()) {
                    toClient.write(DynamoDbErrorResponse.of(decision.error().get()));
                    toClient.flush();
                    if (request.closes()) {
                        return;
                    }
                    continue;
                }
                if (up == null) {
                    up = new Socket();
                    sockets.add(up);
                    up.setTcpNoDelay(true);
                    up.connect(upstream, CONNECT_TIMEOUT_MILLIS);
                    fromUpstream = new BufferedInputStream(up.getInputStream());
                }
                up.getOutputStream().write(request.raw());
                up.getOutputStream().flush();
                HttpMessage response = HttpMessage.readResponse(fromUpstream);
                if (response == null) {
                    return;
                }
                toClient.write(response.raw());
                toClient.flush();
                if (request.closes() || response.closes()) {
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debugf("DynamoDB proxy connection ended: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client);
            sockets.remove(client);
            if (up != null) {
                closeQuietly(up);
                sockets.remove(up);
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing on the way out: nothing useful to do with a failure
        }
    }
}
