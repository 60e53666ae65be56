package dev.faultline.agent.fault.database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * TCP connections opened to one endpoint and held open, doing nothing, until {@link #close()}. They are connected
 * non-blocking, a few at a time, under one deadline.
 */
public final class HeldConnections implements AutoCloseable {

    static final int IN_FLIGHT = 8;

    private final InetSocketAddress endpoint;
    private final List<SocketChannel> channels;

    private HeldConnections(InetSocketAddress endpoint, List<SocketChannel> channels) {
        this.endpoint = endpoint;
        this.channels = channels;
    }

    /**
     * Opens up to {@code count} connections, at most {@link #IN_FLIGHT} handshakes at a time (a burst of SYNs
     * overflows a small listen backlog, and the dropped ones would only come back after the kernel's 1 s, 3 s
     * retransmissions). Those not established by {@code timeout} (refused, or never accepted: the server is already
     * exhausted) are dropped; the rest are held.
     */
    public static HeldConnections open(InetSocketAddress endpoint, int count, Duration timeout) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        List<SocketChannel> established = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Selector selector = Selector.open()) {
            int started = 0;
            int pending = 0;
            while (started < count || pending > 0) {
                while (started < count && pending < IN_FLIGHT) {
                    started++;
                    SocketChannel channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                    try {
                        if (channel.connect(endpoint)) {
                            established.add(channel);
                        } else {
                            channel.register(selector, SelectionKey.OP_CONNECT);
                            pending++;
                        }
                    } catch (IOException refused) {
                        channel.close();
                    }
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                selector.select(left);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel channel = (SocketChannel) key.channel();
                    key.cancel();
                    pending--;
                    try {
                        if (channel.finishConnect()) {
                            established.add(channel);
                        } else {
                            channel.close();
                        }
                    } catch (IOException refused) {
                        channel.close();
                    }
                }
                selector.selectedKeys().clear();
            }
            for (SelectionKey key : selector.keys()) {
                // Still connecting at the deadline. Cancelled keys stay in keys() until the next select: those
                // channels were just established and must not be closed.
                if (key.isValid()) {
                    key.channel().close();
                }
            }
        } catch (IOException | RuntimeException e) {
            closeAll(established);
            throw e;
        }
        return new HeldConnections(endpoint, established);
    }

    public InetSocketAddress endpoint() {
        return endpoint;
    }

    /** How many are held (established when opened; a server may close some later). */
    public int count() {
        return channels.size();
    }

    @Override
    public void close() {
        closeAll(channels);
        channels.clear();
    }

    private static void closeAll(List<SocketChannel> channels) {
        for (SocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the connection is gone either way
            }
        }
    }
}
