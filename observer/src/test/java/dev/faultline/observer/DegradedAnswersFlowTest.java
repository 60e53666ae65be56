package dev.faultline.observer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.event.RunFinished;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.experiment.DegradedCheck;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Probe;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.experiment.SteadyState;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.BodyShrink;
import dev.faultline.common.verdict.DegradedAnswers;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.observer.testing.PublishedVerdicts;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Degraded answers from chaos events in to a verdict out, through the real probes against a local HTTP server whose
 * answers stay 200 during the fault but lose their recommendations (and, on another route, slow down).
 */
@QuarkusTest
class DegradedAnswersFlowTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final TargetRef TARGET = new TargetRef("agent-1", "c0ffee", "recommender");
    private static final String FULL = "{\"user\":{\"name\":\"ada\"},\"recommendations\":[{\"id\":1},{\"id\":2}]}";
    private static final String SHRUNK = "{\"user\":{\"name\":\"ada\"},\"recommendations\":[]}";

    @Inject
    @Any
    InMemoryConnector connector;

    private final AtomicBoolean faulty = new AtomicBoolean();
    private HttpServer server;
    private ExecutorService serverThreads;
    private InMemorySource<String> events;
    private InMemorySink<String> verdicts;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/summary", exchange -> answer(exchange, faulty.get() ? SHRUNK : FULL));
        server.createContext("/api/slow", exchange -> {
            if (faulty.get()) {
                sleep(300);
            }
            answer(exchange, FULL);
        });
        // The slow route must not hold up the others' answers.
        serverThreads = Executors.newFixedThreadPool(4);
        server.setExecutor(serverThreads);
        server.start();
        events = connector.source("events");
        verdicts = connector.sink("verdicts");
        verdicts.clear();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void answersThatShrankOrSlowedAreDegradedApartFromFailedAndAProbeWithoutTheFlagIsUnaffected() throws Exception {
        HttpProbe summary = probe("summary", "/api/summary", DegradedCheck.SHAPE);
        HttpProbe plain = probe("summary-plain", "/api/summary", null);
        HttpProbe slow = probe("slow", "/api/slow", new DegradedCheck(false, Duration.ofMillis(150)));
        Instant now = Instant.now();
        send(RunStarted.of("run-degraded", experiment(summary, plain, slow),
                List.of(new PlannedFault("f1", TARGET, ContainerKill.sigkill())), now.plusMillis(1_500),
                now.plusSeconds(10), now));
        // The steady state (1.5 s) passes before the fault; a shorter one saw no answer at all on a loaded machine
        // (the shape is learnt from the steady state's answers, so the test would measure nothing).
        Thread.sleep(1_600);

        Instant injectedAt = Instant.now();
        faulty.set(true);
        send(FaultInjected.of("run-degraded", "f1", "container-kill", TARGET, injectedAt, 3, injectedAt));
        Thread.sleep(1_000); // the degraded phase: probes answer shrunk and slow for this long
        Instant restoredAt = Instant.now();
        faulty.set(false);
        Thread.sleep(800); // probes after the restore, so the recovery is seen
        send(RunFinished.of("run-degraded", Instant.now(), 1, 0, Instant.now()));

        RunVerdict verdict = awaitVerdict("run-degraded");
        assertThat(verdict.verdict()).as("findings %s", verdict.findings()).isEqualTo(Verdict.PASS);

        RecoveryTimeline shrunk = timeline(verdict, "summary");
        DegradedAnswers degraded = shrunk.degraded();
        assertThat(shrunk.availabilityPercent()).as("a shrunken 200 is still available").isEqualTo(100.0);
        assertThat(shrunk.probesFailed()).isZero();
        // About 1000 ms of shrunken answers at one probe every 200 ms (one more or less at either edge).
        assertThat(degraded.probesDegraded()).isBetween(4, 7);
        assertThat(degraded.shrunk()).isEqualTo(degraded.probesDegraded());
        assertThat(degraded.shrinks()).containsExactly(
                new BodyShrink("recommendations", BodyShrink.EMPTIED, degraded.probesDegraded()));
        assertThat(degraded.statuses()).containsOnlyKeys(200);
        // Instants are send times: within one interval of the body's change (some slack for a loaded machine).
        assertThat(degraded.firstDegradedAt()).isBetween(injectedAt, injectedAt.plus(INTERVAL).plusMillis(100));
        assertThat(degraded.lastDegradedAt()).isBetween(restoredAt.minus(INTERVAL).minusMillis(100), restoredAt);
        assertThat(degraded.fullServiceAvailabilityPercent())
                .isEqualTo(100.0 * (shrunk.probesInWindow() - degraded.probesDegraded()) / shrunk.probesInWindow())
                .isBetween(30.0, 75.0);
        // The steady state's answers the shape was learnt from: at most 1.5 s / 200 ms + 1, fewer when loaded.
        assertThat(degraded.baselineAnswers()).isBetween(2, 9);

        RecoveryTimeline unflagged = timeline(verdict, "summary-plain");
        assertThat(unflagged.degraded()).isNull();
        assertThat(unflagged.availabilityPercent()).isEqualTo(100.0);
        assertThat(unflagged.probesFailed()).isZero();

        DegradedAnswers slowAnswers = timeline(verdict, "slow").degraded();
        assertThat(slowAnswers.slow()).isBetween(3, 7);
        assertThat(slowAnswers.shrunk()).isZero();
        assertThat(slowAnswers.slowestMillis()).isGreaterThanOrEqualTo(300L);
        assertThat(timeline(verdict, "slow").availabilityPercent()).isEqualTo(100.0);

        assertThat(verdict.findings())
                .anySatisfy(f -> assertThat(f).startsWith("degraded answers: probe summary (GET ")
                        .contains("answered 200 with a shrunken body " + degraded.probesDegraded() + " times"
                                + " (field `recommendations` emptied ×" + degraded.probesDegraded() + ") from "
                                + degraded.firstDegradedAt() + " to " + degraded.lastDegradedAt()))
                .anySatisfy(f -> assertThat(f).startsWith("degraded answers: probe slow (GET ")
                        .contains("slower than 150ms"))
                .noneSatisfy(f -> assertThat(f).contains("summary-plain"));
    }

    private HttpProbe probe(String name, String path, DegradedCheck check) {
        return new HttpProbe(name, "http://127.0.0.1:" + server.getAddress().getPort() + path, null, INTERVAL,
                Duration.ofMillis(900), null, null, null, check);
    }

    private static Experiment experiment(Probe... probes) {
        return new Experiment("degrade-recommender", "", Duration.ofSeconds(5),
                new SteadyState(Duration.ofMillis(600), List.of(probes)),
                List.of(new FaultStep(new TargetSelection(new Selector("recommender", null), 1, null, null),
                        ContainerKill.sigkill())),
                new Slos(Duration.ofSeconds(3), 99.0));
    }

    private static RecoveryTimeline timeline(RunVerdict verdict, String probe) {
        return verdict.timelines().stream().filter(t -> t.probe().equals(probe)).findFirst().orElseThrow();
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A slow answer: the service takes this long (what the latency check is tested against). */
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Object event) {
        events.send(ChaosJson.write(event));
    }

    private RunVerdict awaitVerdict(String runId) {
        return PublishedVerdicts.awaitVerdict(verdicts, runId, Duration.ofSeconds(5));
    }
}
