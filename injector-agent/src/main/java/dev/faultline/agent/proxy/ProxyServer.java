package dev.faultline.agent.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The running {@link LocalProxy} every proxy is, on Netty: its listening port and its connections; a proxy
 * ({@link DelayingTcpProxy}, the DynamoDB proxy) only says what to do with each accepted client. One event-loop
 * thread of its own serves every connection of the proxy (the client sides and the upstream connections the proxy
 * opens), so a proxy's handlers never need locks; a cap on client connections keeps a connection storm from
 * exhausting the agent; and {@link #close()} cuts every connection and has freed the port when it returns.
 *
 * <p>Its own event loop rather than Quarkus's: a proxy lives exactly as long as its fault, and shutting the loop
 * down is what guarantees that nothing of it (connection, scheduled write) outlives the revert.
 */
public final class ProxyServer implements LocalProxy {

    public static final int MAX_CONNECTIONS = 256;
    static final int CONNECT_TIMEOUT_MILLIS = 5000;
    /** How long {@link #close()} waits for the connections and the event loop to end. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    /** Called on the event loop for each accepted client, before anything is read from it (auto-read is off). */
    @FunctionalInterface
    public interface ClientHandler {
        void accepted(SocketChannel client, ProxyServer server);
    }

    private final String name;
    private final boolean halfClosure;
    private final EventLoopGroup loop;
    private final ChannelGroup channels;
    private final ChannelGroup clients;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private Channel listening;

    private ProxyServer(String name, boolean halfClosure) {
        this.name = name;
        this.halfClosure = halfClosure;
        this.loop = new NioEventLoopGroup(1, new DefaultThreadFactory("faultline-" + name.replace(' ', '-'), true));
        this.channels = new DefaultChannelGroup(name, loop.next());
        this.clients = new DefaultChannelGroup(name + " clients", loop.next());
    }

    /**
     * Listens on {@code listen} (port 0 = any) and hands each client to {@code handler}.
     *
     * @param halfClosure whether a peer's end of stream only ends that direction
     *                    ({@link io.netty.channel.socket.ChannelInputShutdownEvent}) rather than the connection
     */
    public static ProxyServer bind(InetSocketAddress listen, String name, boolean halfClosure, ClientHandler handler) {
        ProxyServer server = new ProxyServer(name, halfClosure);
        ServerBootstrap bootstrap = new ServerBootstrap().group(server.loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 64)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, halfClosure)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        server.accept(client, handler);
                    }
                });
        ChannelFuture bound = bootstrap.bind(listen).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            server.loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("cannot listen on " + listen + " for the " + name + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        server.listening = bound.channel();
        server.channels.add(server.listening);
        return server;
    }

    private void accept(SocketChannel client, ClientHandler handler) {
        if (!open.get() || clients.size() >= MAX_CONNECTIONS) {
            client.close();
            return;
        }
        clients.add(client);
        channels.add(client);
        handler.accepted(client, this);
    }

    /**
     * Connects to the upstream on the client's event loop, auto-read off, with {@code pipeline} set up first. The
     * connection is closed with the proxy.
     */
    public ChannelFuture connectUpstream(Channel client, InetSocketAddress upstream, Consumer<SocketChannel> pipeline) {
        ChannelFuture connecting = new Bootstrap().group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, halfClosure)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel up) {
                        pipeline.accept(up);
                    }
                })
                .connect(upstream);
        channels.add(connecting.channel());
        return connecting;
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listening.localAddress();
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    /**
     * Stops listening, cuts every connection and ends the event loop (which drops the writes still scheduled).
     * Idempotent; never throws. Not to be called from the proxy's own event loop (it waits for it).
     */
    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        listening.close().awaitUninterruptibly(CLOSE_WAIT.toMillis());
        channels.close().awaitUninterruptibly(CLOSE_WAIT.toMillis());
        loop.shutdownGracefully(0, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(CLOSE_WAIT.toMillis());
    }

    @Override
    public String toString() {
        return name + " " + (listening == null ? "unbound" : listening.localAddress());
    }
}
