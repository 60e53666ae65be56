package dev.faultline.agent.fault.database;

import dev.faultline.agent.proxy.LocalProxy;
import dev.faultline.agent.proxy.ProxyServer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * An HTTP/1.1 proxy for the DynamoDB JSON API that applies a {@link DynamoDbFaultPlan} to each request: it waits
 * the operation's delay, then either answers with the chosen error (the request never reaches DynamoDB, as with a
 * real throttle) or forwards the request, headers and body unchanged, and relays the response. Requests no rule
 * names pass through untouched. Keep-alive is kept: each client connection has one upstream connection of its own,
 * opened at its first forwarded request (and again if the upstream closed it while idle).
 *
 * <p>HTTP framing is Netty's codec; each message is aggregated whole (at most {@link #MAX_BODY_BYTES}), so a
 * request is only looked at, and forwarded, once it is complete. Requests of one connection are answered one at a
 * time, in order, as HTTP/1.1 requires.
 */
public final class DynamoDbFaultProxy {

    private static final Logger LOG = Logger.getLogger(DynamoDbFaultProxy.class);
    static final int MAX_INITIAL_LINE_BYTES = 4096;
    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    /** The pieces the decoder cuts a body into; the aggregator joins them again. */
    private static final int DECODER_CHUNK_BYTES = 8192;

    private DynamoDbFaultProxy() {
    }

    /** Listens on {@code listen} (port 0 = any) and serves each client's requests by {@code plan}. */
    public static LocalProxy start(InetSocketAddress listen, InetSocketAddress upstream, DynamoDbFaultPlan plan) {
        return ProxyServer.bind(listen, "DynamoDB proxy", false,
                (client, server) -> new Exchanges(client, server, upstream, plan).start());
    }

    /** The requests of one client connection, answered one after the other; all on the one event loop. */
    private static final class Exchanges extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final SocketChannel client;
        private final ProxyServer proxyServer;
        private final InetSocketAddress upstream;
        private final DynamoDbFaultPlan plan;
        /** Requests read but not yet answered: a client may pipeline them. */
        private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
        private Channel up;
        private boolean busy;
        private boolean awaitingResponse;
        /** Whether the client wants the connection kept after the request being answered. */
        private boolean keepAlive;

        Exchanges(SocketChannel client, ProxyServer proxyServer, InetSocketAddress upstream, DynamoDbFaultPlan plan) {
            this.client = client;
            this.proxyServer = proxyServer;
            this.upstream = upstream;
            this.plan = plan;
        }

        void start() {
            client.pipeline().addLast(
                    new HttpServerCodec(MAX_INITIAL_LINE_BYTES, MAX_HEADER_BYTES, DECODER_CHUNK_BYTES),
                    new HttpObjectAggregator(MAX_BODY_BYTES),
                    this);
            client.closeFuture().addListener(closed -> {
                if (up != null) {
                    up.close();
                }
                waiting.forEach(FullHttpRequest::release);
                waiting.clear();
            });
        }

        /** Auto-read is off: the client's next request is read only once the one before it is answered. */
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.read();
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (request.decoderResult().isFailure()) {
                LOG.debugf("DynamoDB proxy: malformed request: %s", request.decoderResult().cause().getMessage());
                client.close();
                return;
            }
            waiting.add(request.retain());
            if (!busy) {
                next();
            }
        }

        private void next() {
            FullHttpRequest request = waiting.poll();
            if (request == null) {
                busy = false;
                client.read();
                return;
            }
            busy = true;
            keepAlive = HttpUtil.isKeepAlive(request);
            DynamoDbFaultPlan.Decision decision = plan.decide(request.headers().get("X-Amz-Target"));
            client.eventLoop().schedule(() -> {
                if (decision.error().isPresent()) {
                    request.release();
                    answer(DynamoDbErrorResponse.of(decision.error().get()));
                } else {
                    forward(request);
                }
            }, decision.delay().toNanos(), TimeUnit.NANOSECONDS);
        }

        private void forward(FullHttpRequest request) {
            if (!client.isActive()) {
                request.release();
                return;
            }
            awaitingResponse = true;
            if (up != null && up.isActive()) {
                up.writeAndFlush(request);
                return;
            }
            ChannelFuture connecting = proxyServer.connectUpstream(client, upstream, ch -> ch.pipeline().addLast(
                    new HttpClientCodec(MAX_INITIAL_LINE_BYTES, MAX_HEADER_BYTES, DECODER_CHUNK_BYTES),
                    new HttpObjectAggregator(MAX_BODY_BYTES),
                    new Responses()));
            up = connecting.channel();
            connecting.addListener(connected -> {
                if (!connected.isSuccess()) {
                    LOG.debugf("DynamoDB proxy cannot reach %s: %s", upstream, connected.cause().getMessage());
                    request.release();
                    client.close();
                    return;
                }
                // one response per forwarded request, each bounded by the aggregator: no need to pace the reads
                up.config().setAutoRead(true);
                up.writeAndFlush(request);
            });
        }

        private void answer(FullHttpResponse response) {
            boolean closeAfter = !keepAlive || !HttpUtil.isKeepAlive(response);
            client.writeAndFlush(response).addListener(written -> {
                if (!written.isSuccess() || closeAfter) {
                    client.close();
                } else {
                    next();
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debugf("DynamoDB proxy connection ended: %s", cause.getMessage());
            client.close();
        }

        /** The upstream's responses, one per forwarded request. */
        private final class Responses extends SimpleChannelInboundHandler<FullHttpResponse> {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
                if (response.decoderResult().isFailure()) {
                    LOG.debugf("DynamoDB proxy: malformed response from %s", upstream);
                    client.close();
                    return;
                }
                awaitingResponse = false;
                answer(response.retain());
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                // Idle: the next request opens a new connection. Waiting for a response: it will never come.
                if (awaitingResponse && up == ctx.channel()) {
                    client.close();
                }
                ctx.fireChannelInactive();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                LOG.debugf("DynamoDB proxy upstream connection ended: %s", cause.getMessage());
                client.close();
            }
        }
    }
}
