package dev.faultline.agent.proxy;

import java.net.InetSocketAddress;

/** A proxy the agent runs on its host for one fault. Closing it closes its listening port and every connection. */
public interface LocalProxy extends AutoCloseable {

    /** Where it listens. */
    InetSocketAddress address();

    boolean isOpen();

    /** Idempotent; never throws. */
    @Override
    void close();

    /** Starts a proxy listening on {@code listen} (port 0 = any) that forwards to {@code upstream}. */
    @FunctionalInterface
    interface Factory {
        LocalProxy start(InetSocketAddress listen, InetSocketAddress upstream);
    }
}
