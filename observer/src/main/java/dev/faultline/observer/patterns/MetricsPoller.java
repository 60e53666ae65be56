package dev.faultline.observer.patterns;

import dev.faultline.common.experiment.LoadBalancer;
import dev.faultline.common.experiment.ResilienceChecks;
import dev.faultline.observer.metrics.ExpositionParser;
import dev.faultline.observer.metrics.Series;
import dev.faultline.observer.metrics.SeriesSelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Polls, at a fixed interval on the probe tick thread, the HAProxy stats CSV and the service's metrics endpoint,
 * asynchronously, and keeps one {@link MetricsPoll} per tick. An unreadable source gives a poll without that part.
 */
public final class MetricsPoller {

    private static final Logger LOG = Logger.getLogger(MetricsPoller.class);
    private static final String CIRCUIT_STATE = "ft_circuitbreaker_state_current";

    private final LoadBalancer lb;
    private final ResilienceChecks resilience;
    private final HttpClient client;
    private final Clock clock;
    private final Duration interval;
    private final Queue<MetricsPoll> polls = new ConcurrentLinkedQueue<>();
    private ScheduledFuture<?> schedule;

    public MetricsPoller(LoadBalancer lb, ResilienceChecks resilience, HttpClient client, Clock clock,
            Duration interval) {
        this.lb = lb;
        this.resilience = resilience;
        this.client = client;
        this.clock = clock;
        this.interval = interval;
    }

    public static boolean needed(LoadBalancer lb, ResilienceChecks resilience) {
        return lb != null || (resilience != null && resilience.metricsUrl() != null);
    }

    public synchronized void start(ScheduledExecutorService ticks, Instant until) {
        schedule = ticks.scheduleAtFixedRate(() -> {
            Instant at = clock.instant();
            if (at.isAfter(until)) {
                stop();
                return;
            }
            poll(at);
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    public long intervalMillis() {
        return interval.toMillis();
    }

    /** The polls so far, in the order they were taken. */
    public List<MetricsPoll> polls() {
        return polls.stream().sorted((a, b) -> a.at().compareTo(b.at())).toList();
    }

    private void poll(Instant at) {
        try {
            CompletableFuture<Map<String, MetricsPoll.ServerState>> servers = lb == null
                    ? CompletableFuture.completedFuture(Map.of())
                    : fetch(lb.statsUrl()).thenApply(csv -> HaproxyStats.servers(csv, lb.backend()))
                            .exceptionally(e -> Map.of());
            CompletableFuture<List<Series>> metrics = resilience == null || resilience.metricsUrl() == null
                    ? CompletableFuture.completedFuture(List.of())
                    : fetch(resilience.metricsUrl()).thenApply(ExpositionParser::parse)
                            .exceptionally(e -> List.of());
            servers.thenCombine(metrics, (s, m) -> new MetricsPoll(at, circuit(m), retries(m), s))
                    .thenAccept(polls::add);
        } catch (RuntimeException e) {
            LOG.warnf("metrics poll failed: %s", e.getMessage());
        }
    }

    private String circuit(List<Series> scrape) {
        if (resilience == null || resilience.circuitBreaker() == null || scrape.isEmpty()) {
            return null;
        }
        return CircuitState.of(scrape, SeriesSelector.parse(CIRCUIT_STATE + "{" + resilience.circuitBreaker() + "}"))
                .orElse(MetricsPoll.NO_BREAKER);
    }

    private Double retries(List<Series> scrape) {
        if (resilience == null || resilience.retryCounter() == null || scrape.isEmpty()) {
            return null;
        }
        return SeriesSelector.parse(resilience.retryCounter()).valueIn(scrape).orElse(null);
    }

    private CompletableFuture<String> fetch(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().timeout(interval.multipliedBy(4)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            return response.body();
        });
    }
}
