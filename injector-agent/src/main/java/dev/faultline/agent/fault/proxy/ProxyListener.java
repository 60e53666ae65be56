package dev.faultline.agent.fault.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The listening half every proxy shares: a server socket, one thread accepting connections and handing each to
 * the proxy's handler on a thread of its own, the sockets in use (so that closing cuts them), and a bounded number
 * of connections so a connection storm cannot exhaust the agent.
 */
final class ProxyListener {

    private static final Logger LOG = Logger.getLogger(ProxyListener.class);
    /** How long {@link #close()} waits for the accepting thread to let go of the port. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final ServerSocket server;
    private final String name;
    private final int maxSockets;
    private final Consumer<Socket> handler;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptThread;
    private volatile boolean open = true;

    private ProxyListener(ServerSocket server, String name, int maxSockets, Consumer<Socket> handler) {
        this.server = server;
        this.name = name;
        this.maxSockets = maxSockets;
        this.handler = handler;
        this.acceptThread = daemon(name + "-accept-" + server.getLocalPort(), this::acceptLoop);
    }

    /**
     * Listens on {@code listen} (port 0 = any); once {@link #startAccepting()} is called, calls {@code handler} for
     * each client on its own thread. Two steps, so that the proxy can hold its listener before a handler runs.
     *
     * @param maxSockets client and upstream sockets together; clients beyond it are closed at once
     */
    static ProxyListener bind(InetSocketAddress listen, String name, int maxSockets, Consumer<Socket> handler) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(listen, 64);
            return new ProxyListener(server, name, maxSockets, handler);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + listen + " for the " + name + ": " + e.getMessage(),
                    e);
        }
    }

    void startAccepting() {
        acceptThread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    boolean isOpen() {
        return open;
    }

    /** A socket the proxy opened itself (its upstream side), so that {@link #close()} cuts it too. */
    void track(Socket socket) {
        sockets.add(socket);
        if (!open) {
            closeQuietly(socket);
        }
    }

    /** Closes the sockets of a connection that ended. */
    void release(Socket... ended) {
        for (Socket socket : ended) {
            closeQuietly(socket);
            sockets.remove(socket);
        }
    }

    /**
     * Stops listening and cuts every connection. Waits (briefly) for the accepting thread to let go of the port:
     * the JDK releases a listening socket only once the thread blocked in accept has woken up, and callers (the
     * revert, the tests) rely on the port being closed when this returns. Idempotent; never throws.
     */
    void close() {
        open = false;
        closeQuietly(server);
        if (acceptThread.isAlive() && acceptThread != Thread.currentThread()) {
            try {
                acceptThread.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // After the accepting thread is gone, so that a connection it took at the last moment is cut too.
        sockets.forEach(ProxyListener::closeQuietly);
        sockets.clear();
    }

    private void acceptLoop() {
        while (open) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (open) {
                    LOG.warnf("%s %s stopped accepting: %s", name, address(), e.getMessage());
                }
                return;
            }
            if (!open || sockets.size() >= maxSockets) {
                closeQuietly(client);
                if (!open) {
                    return;
                }
                continue;
            }
            sockets.add(client);
            daemon(name + "-connection", () -> handler.accept(client)).start();
        }
    }

    static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort: the socket is being abandoned either way
        }
    }
}
