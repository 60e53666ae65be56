package dev.faultline.observer.probe;

import dev.faultline.common.experiment.TcpProbe;
import dev.faultline.common.verdict.FailureKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A TCP connect, asynchronous: passes when the connection is accepted within the timeout; closed at once. */
final class TcpCheck implements ProbeCheck {

    private final TcpProbe probe;
    private final AsynchronousChannelGroup group;

    TcpCheck(TcpProbe probe, AsynchronousChannelGroup group) {
        this.probe = probe;
        this.group = group;
    }

    @Override
    public CompletableFuture<Outcome> take() {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        AsynchronousSocketChannel channel;
        try {
            channel = AsynchronousSocketChannel.open(group);
        } catch (IOException e) {
            return CompletableFuture.completedFuture(Outcome.fail(FailureKind.OTHER, "cannot open a socket: " + e.getMessage()));
        }
        channel.connect(new InetSocketAddress(probe.host(), probe.port()), null, new CompletionHandler<Void, Void>() {
            @Override
            public void completed(Void result, Void attachment) {
                outcome.complete(Outcome.pass());
            }

            @Override
            public void failed(Throwable error, Void attachment) {
                outcome.complete(Outcome.fail(Outcomes.kindOf(error), Outcomes.describe(error)));
            }
        });
        return outcome
                .completeOnTimeout(Outcome.fail(FailureKind.TIMEOUT, "no connection within " + probe.timeout().toMillis() + " ms"),
                        probe.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ignored, error) -> close(channel));
    }

    private static void close(AsynchronousSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the probe's outcome is known; a failing close changes nothing
        }
    }
}
