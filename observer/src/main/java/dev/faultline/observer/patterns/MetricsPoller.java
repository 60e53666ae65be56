package dev.faultline.observer.patterns;

import dev.faultline.common.experiment.LoadBalancer;
import dev.faultline.common.experiment.ResilienceChecks;
import dev.faultline.observer.breaker.ActuatorCircuitBreakers;
import dev.faultline.observer.breaker.BreakerReading;
import dev.faultline.observer.breaker.TrackedBreaker;
import dev.faultline.observer.metrics.ExpositionParser;
import dev.faultline.observer.metrics.Series;
import dev.faultline.observer.metrics.SeriesSelector;
import dev.faultline.observer.routing.RoutingSource;
import dev.faultline.observer.routing.ServerState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Polls, at a fixed interval on the probe tick thread, the load balancer's servers and every metrics endpoint of the
 * experiment, asynchronously, and keeps one {@link MetricsPoll} per tick. An unreadable source gives a poll without
 * that part. Every endpoint of one tick is read at the same instant, so breakers on different services compare.
 */
public final class MetricsPoller {

    private static final Logger LOG = Logger.getLogger(MetricsPoller.class);

    private final RoutingSource routing;
    private final ResilienceChecks resilience;
    private final HttpClient client;
    private final Clock clock;
    private final Duration interval;
    private final List<TrackedBreaker> named;
    private final Queue<MetricsPoll> polls = new ConcurrentLinkedQueue<>();
    private ScheduledFuture<?> schedule;

    public MetricsPoller(LoadBalancer lb, ResilienceChecks resilience, HttpClient client, Clock clock,
            Duration interval) {
        this.routing = lb == null ? null : RoutingSource.of(lb);
        this.resilience = resilience;
        this.client = client;
        this.clock = clock;
        this.interval = interval;
        this.named = resilience == null ? List.of()
                : resilience.namedBreakers().stream().map(TrackedBreaker::named).toList();
    }

    public static boolean needed(LoadBalancer lb, ResilienceChecks resilience) {
        return lb != null || (resilience != null && !resilience.metricsEndpoints().isEmpty());
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

    /** Takes one poll now and returns it once every source answered or failed (tests drive the poller with it). */
    public CompletableFuture<MetricsPoll> pollNow() {
        return poll(clock.instant());
    }

    private CompletableFuture<MetricsPoll> poll(Instant at) {
        try {
            CompletableFuture<Map<String, ServerState>> servers = servers();
            // An endpoint that cannot be read (or parsed) is absent from this tick's scrapes, never an empty one.
            Map<String, CompletableFuture<Optional<List<Series>>>> scrapes = new LinkedHashMap<>();
            for (String url : resilience == null ? List.<String>of() : resilience.metricsEndpoints()) {
                scrapes.put(url, fetch(url).thenApply(MetricsPoller::parse).thenApply(Optional::of)
                        .exceptionally(e -> Optional.empty()));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(scrapes.values().toArray(CompletableFuture[]::new));
            return servers.thenCombine(all, (s, ignored) -> {
                Map<String, List<Series>> read = new LinkedHashMap<>();
                scrapes.forEach((url, f) -> f.join().ifPresent(scrape -> read.put(url, scrape)));
                List<Series> main = resilience == null || resilience.metricsUrl() == null ? List.of()
                        : read.getOrDefault(resilience.metricsUrl(), List.of());
                MetricsPoll poll = new MetricsPoll(at, circuit(read), retries(main), s, breakers(read));
                polls.add(poll);
                return poll;
            });
        } catch (RuntimeException e) {
            LOG.warnf("metrics poll failed: %s", e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The load balancer's servers; none when any of its URLs cannot be read or parsed at this tick. */
    private CompletableFuture<Map<String, ServerState>> servers() {
        if (routing == null) {
            return CompletableFuture.completedFuture(Map.of());
        }
        List<CompletableFuture<String>> bodies = routing.urls().stream().map(this::fetch).toList();
        return CompletableFuture.allOf(bodies.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> routing.servers(bodies.stream().map(CompletableFuture::join).toList()))
                .exceptionally(e -> Map.of());
    }

    /** The named breakers whose endpoint answered; without any named, every breaker of a known library found. */
    private List<BreakerReading> breakers(Map<String, List<Series>> read) {
        List<BreakerReading> readings = new ArrayList<>();
        if (resilience == null) {
            return readings;
        }
        if (resilience.discoversBreakers()) {
            read.forEach((url, scrape) -> TrackedBreaker.discoverIn(scrape, url)
                    .forEach(b -> readings.add(new BreakerReading(b, b.state(scrape).orElse(null)))));
            return readings;
        }
        for (TrackedBreaker b : named) {
            List<Series> scrape = read.get(b.metricsUrl());
            if (scrape != null) {
                readings.add(new BreakerReading(b, b.state(scrape).orElse(null)));
            }
        }
        return readings;
    }

    /**
     * The first named breaker's state, which the recovery timelines' circuit times come from: the first form's
     * SmallRye breaker when it is given (namedBreakers() puts it first).
     */
    private String circuit(Map<String, List<Series>> read) {
        if (named.isEmpty()) {
            return null;
        }
        List<Series> scrape = read.get(named.get(0).metricsUrl());
        if (scrape == null || scrape.isEmpty()) {
            return null;
        }
        return named.get(0).state(scrape).orElse(MetricsPoll.NO_BREAKER);
    }

    private Double retries(List<Series> scrape) {
        if (resilience == null || resilience.retryCounter() == null || scrape.isEmpty()) {
            return null;
        }
        return SeriesSelector.parse(resilience.retryCounter()).valueIn(scrape).orElse(null);
    }

    /** The exposition format, or Spring Boot Actuator's circuit-breaker JSON read as the same series. */
    static List<Series> parse(String body) {
        return ActuatorCircuitBreakers.isJson(body) ? ActuatorCircuitBreakers.series(body) : ExpositionParser.parse(body);
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
