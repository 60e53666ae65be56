package dev.faultline.agent.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A TCP proxy that really delays bytes: everything the upstream (the dependency) sends is held for the
 * {@link ChunkDelay} of its chunk before it is written to the client (the target); what the client sends goes
 * upstream at once. So every request/response exchange takes {@code delay ± jitter} longer, the jitter drawn per
 * chunk, and throughput is not capped: chunks wait side by side, not behind each other's delay.
 *
 * <p>Non-blocking, on the {@link ProxyServer}'s event loop. Memory stays bounded: the proxy stops reading from the
 * upstream while more than {@link #MAX_HELD_BYTES} are held or not yet written to the client, and stops reading
 * from the client while the upstream connection cannot take more. An end of stream travels like data (delayed, in
 * order), so half-closed connections work and a close never overtakes the last bytes.
 */
public final class DelayingTcpProxy {

    private static final Logger LOG = Logger.getLogger(DelayingTcpProxy.class);
    /** Per connection: with a long delay, a fast dependency would otherwise fill the agent's memory. */
    static final int MAX_HELD_BYTES = 1024 * 1024;

    private DelayingTcpProxy() {
    }

    /** Listens on {@code listen} (port 0 = any) and relays each client to {@code upstream}, its answers delayed. */
    public static LocalProxy start(InetSocketAddress listen, InetSocketAddress upstream, ChunkDelay delay) {
        return ProxyServer.bind(listen, "delay proxy", true,
                (client, server) -> new Connection(client, upstream, delay).connect(server));
    }

    /**
     * One client connection and its upstream twin; all of it runs on the one event loop. Closed when both
     * directions have ended or either side failed.
     */
    private static final class Connection {
        private final SocketChannel client;
        private final InetSocketAddress upstream;
        private final ChunkDelay delay;
        private Channel up;
        private final ArrayDeque<Chunk> held = new ArrayDeque<>();
        private long heldBytes;
        private long lastReleaseNanos = Long.MIN_VALUE;
        private boolean releaseScheduled;
        private boolean upstreamPaused;
        private boolean upstreamEnded;
        private int directionsDone;

        Connection(SocketChannel client, InetSocketAddress upstream, ChunkDelay delay) {
            this.client = client;
            this.upstream = upstream;
            this.delay = delay;
        }

        void connect(ProxyServer proxyServer) {
            client.closeFuture().addListener(closed -> closeBoth());
            proxyServer.connectUpstream(client, upstream, ch -> ch.pipeline().addLast(new FromUpstream()))
                    .addListener((ChannelFuture connected) -> {
                        if (!connected.isSuccess()) {
                            LOG.debugf("delay proxy cannot reach %s: %s", upstream, connected.cause().getMessage());
                            client.close();
                            return;
                        }
                        up = connected.channel();
                        if (!client.isActive()) {
                            up.close(); // the client left while the proxy was connecting
                            return;
                        }
                        up.closeFuture().addListener(closed -> endOfUpstream());
                        client.pipeline().addLast(new FromClient());
                        client.config().setAutoRead(true);
                        up.config().setAutoRead(true);
                    });
        }

        /** Client to upstream: at once, reading paused while the upstream's outbound buffer is full. */
        private final class FromClient extends ChannelInboundHandlerAdapter {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                up.writeAndFlush(msg).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
                if (!up.isWritable()) {
                    client.config().setAutoRead(false);
                }
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                if (event instanceof ChannelInputShutdownEvent) {
                    up.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
                        ((SocketChannel) up).shutdownOutput();
                        directionDone();
                    });
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                LOG.debugf("delay proxy client connection failed: %s", cause.getMessage());
                closeBoth();
            }
        }

        /** Upstream to client: every chunk held until its release time. */
        private final class FromUpstream extends ChannelInboundHandlerAdapter {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!client.isActive()) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
                ByteBuf bytes = (ByteBuf) msg;
                hold(bytes);
                if (heldBytes > MAX_HELD_BYTES && !upstreamPaused) {
                    upstreamPaused = true;
                    up.config().setAutoRead(false);
                }
            }

            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (up.isWritable()) {
                    client.config().setAutoRead(true);
                }
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                if (event instanceof ChannelInputShutdownEvent) {
                    endOfUpstream();
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                LOG.debugf("delay proxy upstream connection failed: %s", cause.getMessage());
                closeBoth();
            }
        }

        private void hold(ByteBuf bytes) {
            lastReleaseNanos = delay.releaseAt(System.nanoTime(), lastReleaseNanos);
            held.add(new Chunk(bytes, lastReleaseNanos));
            heldBytes += bytes.readableBytes();
            scheduleRelease();
        }

        /** The upstream's end of stream (or its close), delayed like data so it does not overtake the last bytes. */
        private void endOfUpstream() {
            if (upstreamEnded || !client.isActive()) {
                return;
            }
            upstreamEnded = true;
            lastReleaseNanos = delay.releaseAt(System.nanoTime(), lastReleaseNanos);
            held.add(new Chunk(null, lastReleaseNanos));
            scheduleRelease();
        }

        private void scheduleRelease() {
            if (releaseScheduled || held.isEmpty()) {
                return;
            }
            releaseScheduled = true;
            long wait = Math.max(0, held.peek().releaseAtNanos() - System.nanoTime());
            client.eventLoop().schedule(this::release, wait, TimeUnit.NANOSECONDS);
        }

        /** Writes, in order, every held chunk whose time has come; one scheduled task at a time keeps the order. */
        private void release() {
            releaseScheduled = false;
            long now = System.nanoTime();
            while (!held.isEmpty() && held.peek().releaseAtNanos() <= now) {
                ByteBuf bytes = held.poll().bytes();
                if (bytes == null) {
                    endClientOutput();
                    continue;
                }
                int size = bytes.readableBytes();
                client.write(bytes).addListener(written -> {
                    heldBytes -= size;
                    if (!written.isSuccess()) {
                        closeBoth();
                    } else if (upstreamPaused && heldBytes <= MAX_HELD_BYTES / 2) {
                        upstreamPaused = false;
                        up.config().setAutoRead(true);
                    }
                });
            }
            client.flush();
            scheduleRelease();
        }

        private void endClientOutput() {
            if (up == null || !up.isActive()) {
                // the upstream is gone both ways: nothing more can pass in either direction
                client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
                client.shutdownOutput();
                directionDone();
            });
        }

        private void directionDone() {
            if (++directionsDone == 2) {
                closeBoth();
            }
        }

        private void closeBoth() {
            client.close();
            if (up != null) {
                up.close();
            }
            held.forEach(chunk -> ReferenceCountUtil.release(chunk.bytes()));
            held.clear();
        }
    }

    /** Bytes to write at {@code releaseAtNanos} ({@link System#nanoTime()}); null bytes: the end of the stream. */
    private record Chunk(ByteBuf bytes, long releaseAtNanos) {
    }
}
