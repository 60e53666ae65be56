package dev.faultline.observer.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.verdict.FailureKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.SECONDS)
class ProbeSchedulerTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private final Clock clock = Clock.systemUTC();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicLong answerDelayMillis = new AtomicLong();
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    /** The client's port of each request: one per connection the probes opened. */
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final Queue<ProbeSample> samples = new ConcurrentLinkedQueue<>();
    private HttpServer server;
    private ExecutorService serverThreads;
    private ProbeScheduler scheduler;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            arrived.incrementAndGet();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            try {
                Thread.sleep(answerDelayMillis.get()); // a slow service: the answer takes this long
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            requests.incrementAndGet();
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        serverThreads = Executors.newFixedThreadPool(4);
        server.setExecutor(serverThreads);
        server.start();
        scheduler = new ProbeScheduler(clock);
    }

    @AfterEach
    void stopServer() {
        scheduler.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private HttpProbe probe(String url, Duration timeout) {
        return new HttpProbe("health", url, 200, INTERVAL, timeout);
    }

    private String healthUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    @Test
    void samplesShowTheFailureWindowWithinOneInterval() throws Exception {
        ScheduledProbe probe = scheduler.start(probe(healthUrl(), Duration.ofMillis(500)),
                clock.instant().plusSeconds(10), samples::add);
        // the phases' lengths are what the sample counts below are checked against
        Thread.sleep(500);
        Instant downAt = clock.instant();
        status.set(503);
        Thread.sleep(700);
        Instant upAt = clock.instant();
        status.set(200);
        Thread.sleep(500);
        probe.stop().get(2, TimeUnit.SECONDS);

        List<ProbeSample> taken = List.copyOf(samples);
        assertThat(taken).hasSizeBetween(14, 19);
        List<ProbeSample> failed = taken.stream().filter(ProbeSample::failed).toList();
        assertThat(failed).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(503);
            assertThat(s.error()).isNull();
            assertThat(s.failure()).as("counted by its status").isNull();
        });
        assertThat(failed).hasSizeBetween(6, 8);
        Instant firstFailure = failed.stream().map(ProbeSample::sentAt).min(Instant::compareTo).orElseThrow();
        Instant lastFailure = failed.stream().map(ProbeSample::sentAt).max(Instant::compareTo).orElseThrow();
        Instant recovered = taken.stream().map(ProbeSample::sentAt).filter(t -> t.isAfter(lastFailure))
                .min(Instant::compareTo).orElseThrow();
        // A request sent just before a switch can be answered just after it, hence the window on both sides.
        assertThat(Duration.between(downAt, firstFailure).abs()).isLessThanOrEqualTo(INTERVAL);
        assertThat(Duration.between(upAt, recovered).abs()).isLessThanOrEqualTo(INTERVAL);
        assertThat(taken.stream().filter(s -> s.sentAt().isAfter(recovered))).allMatch(ProbeSample::ok);
        assertThat(taken.stream().filter(s -> s.sentAt().isBefore(firstFailure))).allMatch(ProbeSample::ok);
        assertThat(taken).allSatisfy(s -> assertThat(s.latencyMillis()).isBetween(0L, 500L));
    }

    @Test
    void samplesAreTakenAtTheInterval() throws Exception {
        ScheduledProbe probe = scheduler.start(probe(healthUrl(), Duration.ofMillis(500)),
                clock.instant().plusSeconds(10), samples::add);
        Thread.sleep(1_000); // a fixed second of probing: the count and the gaps are what is checked
        probe.stop().get(2, TimeUnit.SECONDS);

        List<Instant> sent = samples.stream().map(ProbeSample::sentAt).sorted().toList();
        assertThat(sent).hasSizeBetween(9, 12);
        // fixed-rate ticks: a late tick is followed by an early one, so the mean gap stays at the interval
        double meanGapMillis = Duration.between(sent.get(0), sent.get(sent.size() - 1)).toMillis()
                / (double) (sent.size() - 1);
        assertThat(meanGapMillis).isBetween(80.0, 120.0);
    }

    @Test
    void aProbeWithoutExpectedStatusPassesOn2xxAnd3xxAndFailsOnAFallbacks405() throws Exception {
        ScheduledProbe probe = scheduler.start(new HttpProbe("health", healthUrl(), null, INTERVAL,
                Duration.ofMillis(500)), clock.instant().plusSeconds(10), samples::add);
        status.set(204);
        awaitSample(s -> Integer.valueOf(204).equals(s.status()));
        status.set(405);
        awaitSample(s -> Integer.valueOf(405).equals(s.status()));
        probe.stop().get(2, TimeUnit.SECONDS);

        assertThat(samples).anySatisfy(s -> {
            assertThat(s.status()).isEqualTo(204);
            assertThat(s.ok()).isTrue();
        });
        assertThat(samples).anySatisfy(s -> {
            assertThat(s.status()).isEqualTo(405);
            assertThat(s.ok()).isFalse();
        });
        assertThat(samples).allSatisfy(s -> assertThat(s.ok()).isEqualTo(s.status() == 204));
    }

    @Test
    void aHealthyTargetIsProbedOverOneKeptAliveConnection() throws Exception {
        ScheduledProbe probe = scheduler.start(probe(healthUrl(), Duration.ofMillis(500)),
                clock.instant().plusSeconds(10), samples::add);
        awaitSamples(8);
        probe.stop().get(2, TimeUnit.SECONDS);

        assertThat(samples).allMatch(ProbeSample::ok);
        // a probe answered well within its interval leaves the connection free for the next: no new connect
        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void aHungTargetGetsNoMoreConnectionsThanThePoolHoldsAndItsProbesTimeOut() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        int connectionsAtOnce;
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hung.accept()); // reads nothing, answers nothing
                        accepted.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            // ten probes a second, each timing out after 1.6 s: 13 in flight by 1.2 s, before the first times out
            ScheduledProbe probe = scheduler.start(probe("http://127.0.0.1:" + hung.getLocalPort() + "/health",
                    Duration.ofMillis(1_600)), clock.instant().plusSeconds(10), samples::add);
            Thread.sleep(1_200);
            connectionsAtOnce = accepted.get();
            awaitSamples(3);
            probe.stop().get(3, TimeUnit.SECONDS);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }

        assertThat(connectionsAtOnce).isEqualTo(ProbeScheduler.HTTP_CONNECTIONS_PER_TARGET);
        assertThat(samples).hasSizeGreaterThanOrEqualTo(3).allSatisfy(s -> {
            assertThat(s.ok()).isFalse();
            assertThat(s.failure()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(s.latencyMillis()).isBetween(1_500L, 2_100L);
        });
    }

    @Test
    void refusedConnectionIsAFailedSampleWithTheError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ScheduledProbe probe = scheduler.start(probe("http://127.0.0.1:" + closedPort + "/health",
                Duration.ofMillis(500)), clock.instant().plusSeconds(10), samples::add);
        awaitSamples(3);
        probe.stop().get(2, TimeUnit.SECONDS);

        assertThat(samples).hasSizeGreaterThanOrEqualTo(3).allSatisfy(s -> {
            assertThat(s.ok()).isFalse();
            assertThat(s.status()).isNull();
            assertThat(s.error()).contains("ConnectException");
            assertThat(s.failure()).isEqualTo(FailureKind.REFUSED);
        });
    }

    @Test
    void unansweredProbeTimesOutAtItsTimeout() throws Exception {
        answerDelayMillis.set(1_000);
        ScheduledProbe probe = scheduler.start(probe(healthUrl(), Duration.ofMillis(200)),
                clock.instant().plusSeconds(10), samples::add);
        awaitSamples(2);
        probe.stop().get(2, TimeUnit.SECONDS);

        assertThat(samples).hasSizeGreaterThanOrEqualTo(2).allSatisfy(s -> {
            assertThat(s.ok()).isFalse();
            assertThat(s.error()).contains("HttpTimeoutException");
            assertThat(s.failure()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(s.latencyMillis()).isBetween(150L, 600L);
        });
    }

    @Test
    void stopWaitsForAnswersInFlight() throws Exception {
        answerDelayMillis.set(300);
        ScheduledProbe probe = scheduler.start(probe(healthUrl(), Duration.ofMillis(1_500)),
                clock.instant().plusSeconds(10), samples::add);
        awaitArrived();
        int seenBeforeStop = samples.size();
        probe.stop().get(2, TimeUnit.SECONDS);
        int seenAfterStop = samples.size();
        // longer than an answer takes: a request stop did not wait for would be recorded by then
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(1))
                .until(() -> samples.size() == seenAfterStop);

        // every request issued was answered (300 ms < timeout) and recorded before stop completed
        assertThat(seenAfterStop).isGreaterThan(seenBeforeStop);
        assertThat(seenAfterStop).isEqualTo(requests.get());
        assertThat(samples).hasSize(seenAfterStop).allMatch(ProbeSample::ok);
    }

    @Test
    void stopGivesUpAfterOneProbeTimeout() throws Exception {
        answerDelayMillis.set(3_000);
        ScheduledProbe probe = scheduler.start(new HttpProbe("health", healthUrl(), 200, INTERVAL,
                Duration.ofSeconds(2)), clock.instant().plusSeconds(10), samples::add);
        awaitArrived();
        long start = System.nanoTime();
        probe.stop().get(3, TimeUnit.SECONDS);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(waitedMillis).isBetween(1_900L, 2_500L);
    }

    @Test
    void probingEndsAtTheEndOfTheWindow() throws Exception {
        Instant until = clock.instant().plusMillis(450);
        scheduler.start(probe(healthUrl(), Duration.ofMillis(500)), until, samples::add);
        Thread.sleep(900); // well past the window's end: a probe still running would have sent more by then

        assertThat(samples).hasSizeBetween(4, 5).allSatisfy(s -> assertThat(s.sentAt()).isBefore(until));
    }

    @Test
    void manyProbesShareTheSchedulerThreads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        List<ScheduledProbe> probes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            probes.add(scheduler.start(new HttpProbe("p" + i, healthUrl(), 200, INTERVAL, Duration.ofMillis(500)),
                    clock.instant().plusSeconds(10), samples::add));
        }
        awaitSamples(20 * 4);
        long probeThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> (t.getName().startsWith("faultline-probe") || t.getName().startsWith("vert.x"))
                        && !before.contains(t))
                .count();
        for (ScheduledProbe probe : probes) {
            probe.stop().get(2, TimeUnit.SECONDS);
        }

        assertThat(samples.stream().map(ProbeSample::probe).distinct()).hasSize(20);
        assertThat(samples).hasSizeGreaterThanOrEqualTo(20 * 4);
        // no thread per probe: the scheduler's event loop (started with it) and at most Vert.x's own helpers
        assertThat(probeThreads).isLessThanOrEqualTo(3L);
    }

    private void awaitSamples(int count) {
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> samples.size() >= count);
    }

    private void awaitSample(Predicate<ProbeSample> matching) {
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> samples.stream().anyMatch(matching));
    }

    /** Until the first probe request reached the server (its answer may still be on the way). */
    private void awaitArrived() {
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).until(() -> arrived.get() > 0);
    }
}
