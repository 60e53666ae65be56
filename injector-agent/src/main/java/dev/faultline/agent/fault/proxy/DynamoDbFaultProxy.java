package dev.faultline.agent.fault.proxy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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

    private final InetSocketAddress upstream;
    private final DynamoDbFaultPlan plan;
    private ProxyListener listener;

    private DynamoDbFaultProxy(InetSocketAddress upstream, DynamoDbFaultPlan plan) {
        this.upstream = upstream;
        this.plan = plan;
    }

    public static DynamoDbFaultProxy start(InetSocketAddress listen, InetSocketAddress upstream,
            DynamoDbFaultPlan plan) {
        DynamoDbFaultProxy proxy = new DynamoDbFaultProxy(upstream, plan);
        proxy.listener = ProxyListener.bind(listen, "DynamoDB proxy", MAX_CONNECTIONS * 2, proxy::serve);
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

    private void serve(Socket client) {
        Socket up = null;
        try {
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            InputStream fromUpstream = null;
            while (listener.isOpen()) {
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
                    listener.track(up);
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
            listener.release(client);
            if (up != null) {
                listener.release(up);
            }
        }
    }
}
