package dev.faultline.observer.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.faultline.common.experiment.AdaptiveProbing;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.PrometheusProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Adaptive probing against a real local HTTP server: when fast probes are taken, and what bounds them. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AdaptiveProbingTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final AdaptiveProbing ADAPTIVE = new AdaptiveProbing(true, Duration.ofMillis(10),
            Duration.ofSeconds(2));

    private final Clock clock = Clock.systemUTC();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicLong answerDelayMillis = new AtomicLong();
    private final Queue<ProbeSample> regular = new ConcurrentLinkedQueue<>();
    private final Queue<ProbeSample> fast = new ConcurrentLinkedQueue<>();
    private HttpServer server;
    private ExecutorService serverThreads;
    private ProbeScheduler scheduler;

    @BeforeEach
    void startServer() throws IOException, InterruptedException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/health", exchange -> {
            try {
                Thread.sleep(answerDelayMillis.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        serverThreads = Executors.newFixedThreadPool(8);
        server.setExecutor(serverThreads);
        server.start();
        scheduler = new ProbeScheduler(clock, "unix:///var/run/docker.sock", s -> { }, 1000);
        // one answer first, so that a cold start's slow first request does not count as a failure of the tests
        scheduler.httpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    @AfterEach
    void stopServer() {
        scheduler.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private HttpProbe probe(String name) {
        return new HttpProbe(name, "http://127.0.0.1:" + server.getAddress().getPort() + "/health", 200, INTERVAL,
                Duration.ofMillis(500));
    }

    private ScheduledProbe start(HttpProbe probe) {
        return scheduler.start(probe, clock.instant().plusSeconds(10), regular::add, Duration.ZERO, ADAPTIVE,
                fast::add);
    }

    @Test
    void probesFastWhileFailingOnlyAndKeepsTheConfiguredTicks() throws Exception {
        ScheduledProbe probe = start(probe("health"));
        Thread.sleep(300); // healthy: no reason for fast probes
        assertThat(fast).as("no fast probe while healthy").isEmpty();
        Instant downAt = clock.instant();
        status.set(503);
        Thread.sleep(500);
        Instant upAt = clock.instant();
        status.set(200);
        Thread.sleep(400);
        probe.stop().get(2, TimeUnit.SECONDS);

        List<ProbeSample> fastDuring = fast.stream()
                .filter(s -> s.sentAt().isAfter(downAt) && s.sentAt().isBefore(upAt)).toList();
        // about one every 10 ms for 500 ms, 50 on a quiet machine; on one so busy that a loopback answer takes
        // 300 ms (seen with a load average of 22 on 2 cores) one at a time allows only a couple
        assertThat(fastDuring).as("fast probes while failing").hasSizeGreaterThanOrEqualTo(2);
        // the first passing probe of either kind (a configured tick may come first), and the last failure before it
        List<ProbeSample> both = Stream.concat(fast.stream(), regular.stream())
                .sorted(Comparator.comparing(ProbeSample::sentAt)).toList();
        Instant firstPass = both.stream().filter(s -> s.ok() && s.sentAt().isAfter(upAt))
                .map(ProbeSample::sentAt).min(Comparator.naturalOrder()).orElseThrow();
        // fast probing goes on for as long as the probe fails, not only at its onset (the exact resolution this
        // gives, a few fast intervals, is measured by bench/accuracy.sh: on a test machine a single late answer
        // can stretch one gap to the configured interval)
        assertThat(fastDuring).as("fast probes in the last half of the failure")
                .anySatisfy(sample -> assertThat(sample.sentAt()).isAfter(upAt.minusMillis(250)));
        // a fast probe sent while that answer was on its way may follow it; none after that
        assertThat(fast.stream().filter(s -> s.sentAt().isAfter(firstPass.plusMillis(50))))
                .as("back to the configured cadence").isEmpty();
        // the configured cadence is untouched: fixed-rate ticks keep a mean gap of one interval (from the second:
        // the first request's send instant comes after opening its connection)
        List<Instant> ticks = regular.stream().map(ProbeSample::sentAt).sorted().skip(1).toList();
        double meanGapMillis = Duration.between(ticks.get(0), ticks.get(ticks.size() - 1)).toMillis()
                / (double) (ticks.size() - 1);
        assertThat(meanGapMillis).isBetween(80.0, 120.0);
    }

    @Test
    void aHastenedSpanProbesFastWhileHealthyAndEndsOnTime() throws Exception {
        ScheduledProbe probe = start(probe("health"));
        Instant from = clock.instant().plusMillis(200);
        Instant to = from.plusMillis(300);
        probe.hasten(from, to);
        Thread.sleep(800);
        probe.stop().get(2, TimeUnit.SECONDS);

        // 30 at 10 ms; at least a few even on a busy machine, and none outside the span
        assertThat(fast).hasSizeGreaterThanOrEqualTo(3).allSatisfy(s -> {
            assertThat(s.ok()).isTrue();
            assertThat(s.sentAt()).isAfterOrEqualTo(from).isBefore(to);
        });
    }

    @Test
    void oneFastProbeIsInFlightAtATime() throws Exception {
        answerDelayMillis.set(100); // each answer takes ten fast intervals
        status.set(503);
        ScheduledProbe probe = start(probe("health"));
        Thread.sleep(1_000);
        probe.stop().get(2, TimeUnit.SECONDS);

        List<ProbeSample> sorted = fast.stream().sorted(Comparator.comparing(ProbeSample::sentAt)).toList();
        assertThat(sorted).hasSizeBetween(3, 11);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).sentAt()).as("sent after the previous fast probe was answered")
                    .isAfterOrEqualTo(sorted.get(i - 1).answeredAt());
        }
    }

    @Test
    void theCapIsSharedEvenlyByEveryFastProbe() throws Exception {
        scheduler.close();
        scheduler = new ProbeScheduler(clock, "unix:///var/run/docker.sock", s -> { }, 50);
        status.set(503);
        List<ScheduledProbe> probes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            probes.add(start(probe("p" + i)));
        }
        Thread.sleep(1_000);
        for (ScheduledProbe p : probes) {
            p.stop().get(2, TimeUnit.SECONDS);
        }

        // 50 per second in all (plus each probe's first, issued on entering fast mode), about 12 each; the bound
        // is the point (a busy machine issues fewer, one in flight per probe)
        assertThat(fast).hasSizeBetween(4, 60);
        assertThat(scheduler.fastProbesIssued()).isEqualTo(fast.size());
        for (int i = 0; i < 4; i++) {
            String name = "p" + i;
            assertThat(fast.stream().filter(s -> s.probe().equals(name)).count()).as(name).isBetween(1L, 20L);
        }
    }

    @Test
    void metricAndHealthProbesGetNoFastProbes() {
        ScheduledProbe metrics = scheduler.start(new PrometheusProbe("m", "http://127.0.0.1:1/metrics", "up == 1",
                INTERVAL, Duration.ofMillis(500)), clock.instant().plusSeconds(1), regular::add, Duration.ZERO,
                ADAPTIVE, fast::add);
        ScheduledProbe http = start(probe("health"));
        ScheduledProbe off = scheduler.start(probe("off"), clock.instant().plusSeconds(1), regular::add,
                Duration.ZERO, AdaptiveProbing.OFF, fast::add);

        assertThat(metrics.adaptive()).isFalse();
        assertThat(http.adaptive()).isTrue();
        assertThat(off.adaptive()).isFalse();
        metrics.stop();
        http.stop();
        off.stop();
    }

    @Test
    void pacingStretchesTheFastIntervalWhenManyShareTheCap() {
        FastProbePacing pacing = new FastProbePacing(100);
        Duration tenMillis = Duration.ofMillis(10);
        assertThat(pacing.interval(tenMillis)).isEqualTo(tenMillis);
        for (int i = 0; i < 4; i++) {
            pacing.entered();
        }
        assertThat(pacing.interval(tenMillis)).as("4 probes at 100/s: 40 ms each").isEqualTo(Duration.ofMillis(40));
        pacing.left();
        pacing.left();
        pacing.left();
        assertThat(pacing.interval(tenMillis)).isEqualTo(tenMillis);
    }
}
