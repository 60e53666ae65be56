package dev.faultline.observer.probe;

import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.verdict.FailureKind;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP GET: passes with a status the probe counts as success ({@code successStatus}, default 2xx and 3xx), the
 * expected text in the body (when asked) and within the latency limit (when set). The body is read only when it is
 * checked: for {@code bodyContains}, and for {@code degraded: {shape: true}}, whose successful answers carry their
 * body's {@link BodyShape} so that the verdict can compare them with the steady state's.
 *
 * <p>It runs on the scheduler's Vert.x HTTP client (one event loop, kept-alive connections, a bounded pool per
 * target): a probe is a request on a pooled connection, parsed and judged on that one thread, with no hand-off
 * between threads (the JDK's client took several per request, see docs/scaling.md). The whole probe, waiting for a
 * pooled connection included, is bounded by the probe's timeout.
 */
final class HttpCheck implements ProbeCheck {

    private final HttpProbe probe;
    private final Vertx vertx;
    private final HttpClient client;
    private final RequestOptions request;
    private final long timeoutMillis;
    private final boolean readsBody;
    /**
     * The last shape seen, handed out again when the next body has the same one: a steady service answers with one
     * shape for thousands of probes, and each sample then holds a reference instead of its own copy.
     */
    private volatile BodyShape lastShape;

    HttpCheck(HttpProbe probe, Vertx vertx, HttpClient client) {
        this.probe = probe;
        this.vertx = vertx;
        this.client = client;
        this.timeoutMillis = Math.max(1, probe.timeout().toMillis());
        // validates the URL once, as the JDK's URI did: a malformed one fails here, not on every probe
        this.request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(probe.url())
                .setConnectTimeout(timeoutMillis) // a pooled connection, or a new one, within the probe's timeout
                .setFollowRedirects(false)
                .putHeader("User-Agent", "faultline-observer");
        this.readsBody = probe.bodyContains() != null || comparesShape();
    }

    @Override
    public CompletableFuture<Outcome> take() {
        long start = System.nanoTime();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        long[] wireNanos = {start}; // written and read on the event loop only
        long deadline = vertx.setTimer(timeoutMillis, fired -> {
            // the JDK's exception and words, as the samples of the JDK's client said it: reports stay alike
            HttpTimeoutException late = new HttpTimeoutException("request timed out");
            outcome.completeExceptionally(late);
            HttpClientRequest pending = sent.get();
            if (pending != null) {
                pending.reset(0, late); // frees its connection: a hung target does not hold the pool
            }
        });
        client.request(request)
                .compose(pending -> {
                    sent.set(pending);
                    if (outcome.isDone()) { // the deadline passed while waiting for a connection
                        pending.reset(0);
                    }
                    // the instant the request goes out, on the event loop: the tick that issued it may be some
                    // milliseconds earlier on a busy machine, and a timeline's instants are send instants
                    wireNanos[0] = System.nanoTime();
                    return pending.send();
                })
                .compose(response -> readsBody
                        ? response.body().map(body -> judge(response.statusCode(),
                                body.toString(StandardCharsets.UTF_8), wireNanos[0]))
                        : response.end().map(ended -> judge(response.statusCode(), null, wireNanos[0])))
                .onComplete(result -> {
                    vertx.cancelTimer(deadline);
                    if (result.succeeded()) {
                        outcome.complete(result.result());
                    } else {
                        outcome.completeExceptionally(result.cause());
                    }
                });
        return outcome;
    }

    private Outcome judge(int status, String body, long sentNanos) {
        return judged(status, body, sentNanos).sentAt(sentNanos);
    }

    private Outcome judged(int status, String body, long sentNanos) {
        long latencyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentNanos);
        if (!probe.successStatus().isSuccess(status)) {
            return new Outcome(false, status, null, null); // the status says it
        }
        if (probe.bodyContains() != null && (body == null || !body.contains(probe.bodyContains()))) {
            return new Outcome(false, status, "body lacks '" + probe.bodyContains() + "'", FailureKind.BODY);
        }
        if (probe.maxLatency() != null && latencyMillis > probe.maxLatency().toMillis()) {
            return new Outcome(false, status, "too slow: " + latencyMillis + " ms > " + probe.maxLatency().toMillis()
                    + " ms", FailureKind.LATENCY);
        }
        return new Outcome(true, status, null, null, comparesShape() ? shapeOf(body) : null);
    }

    private boolean comparesShape() {
        return probe.degraded() != null && probe.degraded().shape();
    }

    private BodyShape shapeOf(String body) {
        BodyShape shape = BodyShape.of(body);
        BodyShape last = lastShape;
        if (shape.equals(last)) {
            return last;
        }
        lastShape = shape;
        return shape;
    }
}
