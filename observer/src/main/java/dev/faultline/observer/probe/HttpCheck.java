package dev.faultline.observer.probe;

import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.verdict.FailureKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP GET: passes with a status the probe counts as success ({@code successStatus}, default 2xx and 3xx), the
 * expected text in the body (when asked) and within the latency limit (when set). The body is read only when it is
 * checked: for {@code bodyContains}, and for {@code degraded: {shape: true}}, whose successful answers carry their
 * body's {@link BodyShape} so that the verdict can compare them with the steady state's.
 */
final class HttpCheck implements ProbeCheck {

    private final HttpProbe probe;
    private final HttpClient client;
    private final HttpRequest request;
    private final boolean readsBody;
    /**
     * The last shape seen, handed out again when the next body has the same one: a steady service answers with one
     * shape for thousands of probes, and each sample then holds a reference instead of its own copy.
     */
    private volatile BodyShape lastShape;

    HttpCheck(HttpProbe probe, HttpClient client) {
        this.probe = probe;
        this.client = client;
        this.request = HttpRequest.newBuilder(URI.create(probe.url()))
                .GET()
                .timeout(probe.timeout())
                .header("User-Agent", "faultline-observer")
                .build();
        this.readsBody = probe.bodyContains() != null || comparesShape();
    }

    @Override
    public CompletableFuture<Outcome> take() {
        long start = System.nanoTime();
        if (!readsBody) {
            return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .thenApply(response -> judge(response.statusCode(), null, start));
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> judge(response.statusCode(), response.body(), start));
    }

    private Outcome judge(int status, String body, long startNanos) {
        long latencyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
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
