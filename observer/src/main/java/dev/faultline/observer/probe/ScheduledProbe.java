package dev.faultline.observer.probe;

import dev.faultline.common.experiment.HttpProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** One probe being taken at its interval; {@link #stop()} ends it and tells when its last answers are in. */
public final class ScheduledProbe {

    private static final Logger LOG = Logger.getLogger(ScheduledProbe.class);

    private final HttpProbe probe;
    private final Instant until;
    private final Consumer<ProbeSample> sink;
    private final HttpClient client;
    private final Clock clock;
    private final HttpRequest request;
    /** Requests issued and not yet recorded; each completes after its sample reached the sink. */
    private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();

    private boolean stopped; // guarded by this
    private ScheduledFuture<?> schedule; // guarded by this

    ScheduledProbe(HttpProbe probe, Instant until, Consumer<ProbeSample> sink, HttpClient client, Clock clock) {
        this.probe = probe;
        this.until = until;
        this.sink = sink;
        this.client = client;
        this.clock = clock;
        this.request = HttpRequest.newBuilder(URI.create(probe.url()))
                .GET()
                .timeout(probe.timeout())
                .header("User-Agent", "faultline-observer")
                .build();
    }

    public HttpProbe probe() {
        return probe;
    }

    synchronized void attach(ScheduledFuture<?> schedule) {
        this.schedule = schedule;
        if (stopped) {
            schedule.cancel(false);
        }
    }

    /** Issues one request; never throws, because an exception would silently end the fixed-rate schedule. */
    void tick() {
        try {
            Instant sentAt = clock.instant();
            synchronized (this) {
                if (stopped) {
                    return;
                }
                if (!sentAt.isBefore(until)) {
                    stopLocked();
                    return;
                }
                long startNanos = System.nanoTime();
                CompletableFuture<Void> recorded = client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .handle((response, error) -> {
                            record(sample(sentAt, startNanos, response, error));
                            return null;
                        });
                inFlight.add(recorded);
                recorded.whenComplete((ignored, error) -> inFlight.remove(recorded));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "probe %s: could not issue a request", probe.name());
        }
    }

    /**
     * Stops issuing requests. The returned future completes once the requests already in flight have been
     * recorded, or after one probe timeout at most.
     */
    public CompletableFuture<Void> stop() {
        List<CompletableFuture<Void>> pending;
        synchronized (this) {
            stopLocked();
            pending = List.copyOf(inFlight);
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, probe.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stopLocked() {
        stopped = true;
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    private ProbeSample sample(Instant sentAt, long startNanos, HttpResponse<Void> response, Throwable error) {
        long latencyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (response != null) {
            return ProbeSample.answered(probe.name(), sentAt, response.statusCode(), probe.expectedStatus(),
                    latencyMillis);
        }
        return ProbeSample.unanswered(probe.name(), sentAt, describe(error), latencyMillis);
    }

    private void record(ProbeSample sample) {
        try {
            sink.accept(sample);
        } catch (RuntimeException e) {
            LOG.errorf(e, "probe %s: could not record a sample", probe.name());
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage();
        return message == null || message.isBlank()
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + message;
    }
}
