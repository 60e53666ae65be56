package dev.faultline.observer.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.experiment.CircuitBreakerSpec;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.ResilienceChecks;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.experiment.SteadyState;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.BreakerTimeline;
import dev.faultline.common.verdict.BreakerTransition;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.observer.patterns.MetricsPoll;
import dev.faultline.observer.patterns.MetricsPoller;
import dev.faultline.observer.patterns.ResilienceJudge;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.run.ObservedRun;
import dev.faultline.observer.run.VerdictJudge;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faultline against the real Resilience4j: a small HTTP service puts a Resilience4j breaker in front of a dependency
 * and serves its Micrometer registry's Prometheus scrape, as a Spring Boot gateway does. The dependency fails, the
 * breaker opens, goes half-open on its own after its wait, and closes on good calls. The metrics poller and the judge
 * must report those four states at instants within one poll interval of the library's own transition events (the
 * interval between the two polls that bound each change; ticks on a loaded machine are sometimes late). With two
 * routes behind the one breaker and the dependency back before the breaker's wait ends, the verdict must name the
 * shared breaker.
 */
class Resilience4jBreakerIT {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PROBE = Duration.ofMillis(100);
    private static final Duration WAIT_IN_OPEN = Duration.ofMillis(1500);
    private static final String BREAKER = "defaultCircuitBreaker";

    private final AtomicBoolean dependencyUp = new AtomicBoolean(true);
    private final List<LibraryTransition> library = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;
    private CircuitBreaker breaker;
    private ScheduledExecutorService ticks;
    private String base;

    private record LibraryTransition(String to, Instant at) {
    }

    @BeforeEach
    void startService() throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(4)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .waitDurationInOpenState(WAIT_IN_OPEN)
                // Half-open on the library's own timer, so that instant does not depend on when the test calls.
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
        breaker = breakers.circuitBreaker(BREAKER);
        breaker.getEventPublisher().onStateTransition(e -> library.add(new LibraryTransition(
                e.getStateTransition().getToState().name(), e.getCreationTime().toInstant())));

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/prometheus", exchange -> answer(exchange, 200, registry.scrape()));
        server.createContext("/orders", exchange -> {
            try {
                answer(exchange, 200, breaker.executeSupplier(this::dependency));
            } catch (CallNotPermittedException e) {
                answer(exchange, 503, "breaker open");
            } catch (IllegalStateException e) {
                answer(exchange, 502, e.getMessage());
            }
        });
        // A route that needs no dependency, behind the same breaker: a gateway's default breaker shared by routes.
        server.createContext("/catalog", exchange -> {
            try {
                answer(exchange, 200, breaker.executeSupplier(() -> "catalog"));
            } catch (CallNotPermittedException e) {
                answer(exchange, 503, "breaker open");
            }
        });
        // The dependency's own health, not behind the breaker.
        server.createContext("/stock/health", exchange -> answer(exchange, dependencyUp.get() ? 200 : 503, "stock"));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        ticks = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stopService() {
        ticks.shutdownNow();
        server.stop(0);
    }

    @Test
    void pollerAndJudgeSeeClosedOpenHalfOpenClosedWithinOnePollOfTheLibrary() throws Exception {
        String metricsUrl = base + "/actuator/prometheus";
        ResilienceChecks checks = new ResilienceChecks(null, null, null, null, null, null,
                List.of(new CircuitBreakerSpec("resilience4j", BREAKER, metricsUrl, null, null, null)));
        MetricsPoller poller = new MetricsPoller(null, checks, client, Clock.systemUTC(), POLL);
        poller.start(ticks, Instant.now().plusSeconds(60));

        calls(6);
        awaitPolls(poller, 5);
        Instant injected = Instant.now();
        dependencyUp.set(false);
        calls(4);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        await(() -> breaker.getState() == CircuitBreaker.State.HALF_OPEN, WAIT_IN_OPEN.multipliedBy(4));
        Thread.sleep(POLL.multipliedBy(3).toMillis()); // half-open held for a few polls, so the poller sees it
        dependencyUp.set(true);
        calls(2);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        Thread.sleep(POLL.multipliedBy(4).toMillis()); // polls of the closed breaker after the recovery
        poller.stop();
        ticks.shutdown();
        ticks.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);

        List<MetricsPoll> polls = poller.polls();
        BreakerTimeline timeline = BreakerTimelines.of(polls, POLL.toMillis()).get(0);
        assertThat(timeline.breaker()).isEqualTo(BREAKER);
        assertThat(timeline.path()).isEqualTo("closed → open → half-open → closed");
        assertThat(library).extracting(LibraryTransition::to).containsExactly("OPEN", "HALF_OPEN", "CLOSED");
        for (int i = 0; i < library.size(); i++) {
            LibraryTransition own = library.get(i);
            BreakerTransition seen = timeline.transitions().get(i + 1);
            Duration pollGap = Duration.between(seen.previousPollAt(), seen.at());
            // The poll before still showed the old state, so it was scraped before the library's transition.
            assertThat(seen.previousPollAt()).as(own + " vs " + seen).isBefore(own.at());
            // Reported within one poll interval: the interval between the two polls that bound the change. A poll
            // scraped a little after its instant may show a change from just after it, hence the absolute value.
            assertThat(Duration.between(own.at(), seen.at()).abs()).as(own + " vs " + seen)
                    .isLessThanOrEqualTo(pollGap.compareTo(POLL) > 0 ? pollGap : POLL);
            // Ticks are at the configured interval, give or take scheduling on a shared 2-core machine; a poller
            // that polled much more rarely than configured would fail here.
            assertThat(pollGap).as(seen.toString()).isLessThanOrEqualTo(POLL.multipliedBy(3));
        }

        CheckResult check = ResilienceJudge.judge(checks, Slos.defaults(), polls, POLL.toMillis(), injected,
                Instant.now(), List.of()).get(0);
        assertThat(check.status()).as(check.detail()).isEqualTo(SloStatus.PASS);
        assertThat(check.detail()).isEqualTo("breaker " + BREAKER + " (resilience4j): circuit breaker opened at "
                + timeline.transitions().get(1).at() + " and was closed at the end of the run");
    }

    @Test
    void twoRoutesBehindTheOneBreakerGiveTheSharedBreakerFinding() throws Exception {
        String metricsUrl = base + "/actuator/prometheus";
        // Only the endpoint is given: the breaker is discovered.
        ResilienceChecks checks = new ResilienceChecks(null, null, null, null, null, List.of(metricsUrl), null);
        MetricsPoller poller = new MetricsPoller(null, checks, client, Clock.systemUTC(), POLL);
        poller.start(ticks, Instant.now().plusSeconds(60));
        List<ProbeSample> samples = new ArrayList<>();

        probeFor(Duration.ofSeconds(1), samples);
        Instant injected = Instant.now();
        dependencyUp.set(false);
        await(() -> breaker.getState() == CircuitBreaker.State.OPEN, Duration.ofSeconds(10), samples);
        probeFor(Duration.ofMillis(500), samples);
        dependencyUp.set(true);
        // Until its wait ends the breaker rejects the routes' probes; then half-open ends with the next two calls,
        // so only the dependency is probed for a few polls and the poller sees half-open, as in a real gateway
        // where the next calls take a moment.
        probeFor(WAIT_IN_OPEN.dividedBy(2), samples);
        await(() -> breaker.getState() == CircuitBreaker.State.HALF_OPEN, WAIT_IN_OPEN.multipliedBy(4), null);
        Thread.sleep(POLL.multipliedBy(3).toMillis()); // half-open held for a few polls, so the poller sees it
        await(() -> breaker.getState() == CircuitBreaker.State.CLOSED, Duration.ofSeconds(5), samples);
        probeFor(Duration.ofSeconds(1), samples);
        Instant end = Instant.now();
        poller.stop();
        ticks.shutdown();
        ticks.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);

        TargetRef stock = new TargetRef("agent-1", "c1", "stock-1");
        ObservedRun run = new ObservedRun("run-r4j", experiment(checks), injected, List.of(FaultInjected.of("run-r4j",
                "f0", "container-kill", stock, injected, 1, injected)), List.of(), samples, end, null, List.of(),
                poller.polls(), POLL.toMillis(), null);
        RunVerdict verdict = VerdictJudge.judge(run, end);

        assertThat(verdict.breakers()).singleElement().satisfies(b -> {
            assertThat(b.breaker()).isEqualTo(BREAKER);
            assertThat(b.discovered()).isTrue();
            assertThat(b.path()).isEqualTo("closed → open → half-open → closed");
        });
        BreakerTransition opened = verdict.breakers().get(0).transitions().get(1);
        assertThat(verdict.findings()).as(verdict.findings().toString()).anySatisfy(f -> assertThat(f)
                .startsWith("shared circuit breaker: breaker " + BREAKER + " (resilience4j) was open from "
                        + opened.at())
                .contains("probes catalog, orders failed during it")
                .contains("probe stock, failing since fault f0 on stock-1, passed again from")
                .contains("and the breaker stayed open"));
    }

    private Experiment experiment(ResilienceChecks checks) {
        return new Experiment("r4j-gateway", "", Duration.ofSeconds(10),
                new SteadyState(Duration.ofSeconds(1), List.of(
                        new HttpProbe("stock", base + "/stock/health", 200, PROBE, null),
                        new HttpProbe("orders", base + "/orders", 200, PROBE, null),
                        new HttpProbe("catalog", base + "/catalog", 200, PROBE, null))),
                List.of(new FaultStep(new TargetSelection(new Selector("stock-1", null), null, null, null),
                        ContainerKill.sigkill())),
                new Slos(Duration.ofSeconds(30), 90.0), null, null, checks, null);
    }

    /** Probes the three endpoints every {@link #PROBE} for {@code duration}, as the probe scheduler would. */
    private void probeFor(Duration duration, List<ProbeSample> samples) throws Exception {
        Instant until = Instant.now().plus(duration);
        while (Instant.now().isBefore(until)) {
            probeOnce(samples);
        }
    }

    private void probeOnce(List<ProbeSample> samples) throws Exception {
        Instant tick = Instant.now();
        for (String[] probe : new String[][] {{"stock", "/stock/health"}, {"orders", "/orders"},
                {"catalog", "/catalog"}}) {
            Instant sent = Instant.now();
            int status = client.send(HttpRequest.newBuilder(URI.create(base + probe[1])).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            samples.add(ProbeSample.answered(probe[0], sent, status, 200,
                    Duration.between(sent, Instant.now()).toMillis()));
        }
        long left = PROBE.toMillis() - Duration.between(tick, Instant.now()).toMillis();
        if (left > 0) {
            Thread.sleep(left); // one probe round every PROBE, as a prober's interval
        }
    }

    /** Waits, probing meanwhile unless {@code samples} is null (then nothing calls through the breaker). */
    private void await(java.util.function.BooleanSupplier condition, Duration timeout, List<ProbeSample> samples) {
        if (samples == null) {
            await(condition, timeout);
            return;
        }
        // probeOnce spaces the rounds itself; polled in the test thread, which probes before and after too
        Awaitility.await().atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1)).until(() -> {
                    if (condition.getAsBoolean()) {
                        return true;
                    }
                    probeOnce(samples);
                    return false;
                });
    }

    private String dependency() {
        if (!dependencyUp.get()) {
            throw new IllegalStateException("dependency down");
        }
        return "ok";
    }

    private void calls(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            client.send(HttpRequest.newBuilder(URI.create(base + "/orders")).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    private static void awaitPolls(MetricsPoller poller, int n) {
        await(() -> poller.polls().size() >= n, Duration.ofSeconds(10));
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
