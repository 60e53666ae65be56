import com.sun.net.httpserver.HttpServer;
import dev.faultline.common.experiment.AdaptiveProbing;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.TcpProbe;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.probe.ProbeScheduler;
import dev.faultline.observer.probe.ScheduledProbe;
import dev.faultline.observer.timeline.TimelineCalculator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * Accuracy of the observer's measured outage against a target made unavailable for an exactly known time.
 *
 * <p>The target is a local HTTP server owned by this program: /health answers 200, or 503 while the bench holds it
 * down. Each trial takes it down at a chosen instant for a random, known duration D (500..1500 ms), flipping at
 * precisely timed instants (sleep, then spin on nanoTime) and recording the flip instants on the same clock the
 * probes use. The observer's own ProbeScheduler probes it (plus extra probes of other, healthy targets, to show many
 * probes share the one event loop) and its own TimelineCalculator turns the samples into a recovery timeline,
 * exactly as in a run.
 *
 * <p>Adaptive probing is on unless its interval is given as 0: as in a run, the probe is hastened around the planned
 * instant of each outage (from 100 ms before to {@code after} past it, as the observer does around a step's planned
 * injection) and probes fast while it fails, so both boundaries are seen at the fast interval instead of the base one.
 *
 * <p>Error per trial = measured outage (recoveredAt - detectedAt: first failed probe to first passing probe after
 * the last failure) minus D. Both boundaries are seen by probes every p ms, so |error| < p in theory (plus the
 * scheduling jitter of a noisy machine, which cancels when it hits both boundaries alike); with adaptive probing p
 * is the fast interval. The worst boundary delays (detection and recovery, each in [0, p) in theory) and the
 * resolution each timeline states for its detection and recovery are printed as well.
 *
 * <p>Arguments: trials, base interval (ms), extra probes, adaptive interval (ms, 0 = off), adaptive after (ms),
 * goal (ms; the exit code says whether the worst error met it; default: the fast interval + 5 ms with adaptive
 * probing, else the base interval).
 */
public final class AccuracyBench {

    public static void main(String[] args) throws Exception {
        int trials = intArg(args, 0, 20);
        long intervalMillis = intArg(args, 1, 100);
        int extraProbes = intArg(args, 2, 20);
        long adaptiveMillis = intArg(args, 3, 10);
        long afterMillis = intArg(args, 4, 2000);
        long goalMillis = intArg(args, 5, (int) (adaptiveMillis > 0 ? adaptiveMillis + 5 : intervalMillis));
        AdaptiveProbing adaptive = adaptiveMillis > 0
                ? new AdaptiveProbing(true, Duration.ofMillis(adaptiveMillis), Duration.ofMillis(afterMillis))
                : AdaptiveProbing.OFF;
        Clock clock = Clock.systemUTC();
        Random random = new Random(Long.getLong("seed", System.nanoTime()));

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService serverThreads = Executors.newFixedThreadPool(4);
        boolean[] down = new boolean[1];
        server.createContext("/health", exchange -> {
            boolean isDown;
            synchronized (down) {
                isDown = down[0];
            }
            exchange.sendResponseHeaders(isDown ? 503 : 200, -1);
            exchange.close();
        });
        // the extra probes' targets: other services, which stay up while the bench's target is down
        server.createContext("/other", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(serverThreads);
        server.start();
        int port = server.getAddress().getPort();
        String url = "http://127.0.0.1:" + port + "/health";
        String otherUrl = "http://127.0.0.1:" + port + "/other";

        // another target for the extra TCP probes: accepts and closes connections
        java.net.ServerSocket tcpTarget = new java.net.ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!tcpTarget.isClosed()) {
                try {
                    tcpTarget.accept().close();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "bench-tcp-target");
        acceptor.setDaemon(true);
        acceptor.start();

        ProbeScheduler scheduler = new ProbeScheduler(clock);
        Queue<ProbeSample> samples = new ConcurrentLinkedQueue<>();
        Queue<ProbeSample> fastSamples = new ConcurrentLinkedQueue<>();
        Instant until = clock.instant().plusSeconds(trials * 4L + 30);
        HttpProbe probe = new HttpProbe("bench", url, 200, Duration.ofMillis(intervalMillis), Duration.ofMillis(500));
        List<ScheduledProbe> running = new ArrayList<>();
        ScheduledProbe measured = scheduler.start(probe, until, samples::add, Duration.ZERO, adaptive,
                fastSamples::add);
        running.add(measured);
        for (int i = 0; i < extraProbes; i++) {
            // other targets' probes on the same scheduler: half HTTP, half TCP connects, at random phases
            var extra = i % 2 == 0
                    ? new HttpProbe("extra-" + i, otherUrl, 200, Duration.ofMillis(intervalMillis), Duration.ofMillis(500))
                    : new TcpProbe("extra-" + i, "127.0.0.1", tcpTarget.getLocalPort(), Duration.ofMillis(intervalMillis),
                            Duration.ofMillis(500));
            running.add(scheduler.start(extra, until, s -> { }, Duration.ofMillis(random.nextInt((int) intervalMillis)),
                    adaptive, s -> { }));
        }
        Thread.sleep(3000); // steady state, and the JIT and connections warmed up

        TargetRef target = new TargetRef("bench", "bench", "bench-target");
        long worstError = 0;
        long worstDetect = 0;
        long worstRecover = 0;
        long worstDetectionResolution = 0;
        long worstRecoveryResolution = 0;
        for (int trial = 1; trial <= trials; trial++) {
            long outageMillis = 500 + random.nextInt(1001);
            // a random phase against the probe ticks
            long startNanos = System.nanoTime() + Duration.ofMillis(200 + random.nextInt(400)).toNanos()
                    + random.nextInt(1_000_000);
            // the planned instant, known ahead as a step's is: adaptive probing is hastened around it
            Instant planned = clock.instant().plusNanos(startNanos - System.nanoTime());
            measured.hasten(planned.minusMillis(100), planned.plus(adaptive.after()));
            Instant downAt = flipAt(startNanos, down, true, clock);
            Instant upAt = flipAt(startNanos + Duration.ofMillis(outageMillis).toNanos(), down, false, clock);
            long trueOutageMicros = Duration.between(downAt, upAt).toNanos() / 1000;
            Thread.sleep(700); // let the recovery be seen and the window close
            Instant windowEnd = upAt.plusMillis(600);
            RecoveryTimeline t = TimelineCalculator.calculate("trial-" + trial, target, probe.name(), downAt,
                    List.copyOf(samples), List.copyOf(fastSamples), windowEnd, intervalMillis);
            if (t.detectedAt() == null || t.recoveredAt() == null) {
                System.err.printf("trial %d: outage of %d ms not seen (detected %s, recovered %s)%n", trial,
                        outageMillis, t.detectedAt(), t.recoveredAt());
                System.exit(2);
            }
            long measuredMicros = Duration.between(t.detectedAt(), t.recoveredAt()).toNanos() / 1000;
            long errorMillis = Math.round((measuredMicros - trueOutageMicros) / 1000.0);
            long detectMillis = Duration.between(downAt, t.detectedAt()).toMillis();
            long recoverMillis = Duration.between(upAt, t.recoveredAt()).toMillis();
            worstError = Math.max(worstError, Math.abs(errorMillis));
            worstDetect = Math.max(worstDetect, Math.abs(detectMillis));
            worstRecover = Math.max(worstRecover, Math.abs(recoverMillis));
            worstDetectionResolution = Math.max(worstDetectionResolution, t.detectionResolutionMillis());
            worstRecoveryResolution = Math.max(worstRecoveryResolution, t.recoveryResolutionMillis());
            System.err.printf("trial %2d: true outage %5.1f ms, measured %5.1f ms, error %+4d ms (detected +%d ms,"
                    + " resolution %d ms; recovery seen +%d ms, resolution %d ms)%n", trial,
                    trueOutageMicros / 1000.0, measuredMicros / 1000.0, errorMillis, detectMillis,
                    t.detectionResolutionMillis(), recoverMillis, t.recoveryResolutionMillis());
        }
        running.forEach(ScheduledProbe::stop);
        scheduler.close();
        server.stop(0);
        tcpTarget.close();
        serverThreads.shutdownNow();
        long[] lat = samples.stream().mapToLong(ProbeSample::latencyMillis).sorted().toArray();
        System.err.printf("probe latency: median %d ms, p99 %d ms, max %d ms over %d probes%n", lat[lat.length / 2],
                lat[(int) (lat.length * 0.99)], lat[lat.length - 1], lat.length);
        System.err.printf("worst detection delay %d ms, worst recovery-seen delay %d ms, %d probes on one event"
                + " loop%n", worstDetect, worstRecover, 1 + extraProbes);
        System.err.printf("worst stated resolution: detection %d ms, recovery %d ms; %d fast probes in all (cap %d/s);"
                + " goal: max_abs_error_ms <= %d%n", worstDetectionResolution, worstRecoveryResolution,
                scheduler.fastProbesIssued(), scheduler.maxFastProbesPerSecond(), goalMillis);
        System.out.printf("trials=%d probe_interval_ms=%d max_abs_error_ms=%d adaptive_interval_ms=%d"
                + " adaptive_after_ms=%d%n", trials, intervalMillis, worstError, adaptive.enabled() ? adaptiveMillis : 0,
                adaptive.enabled() ? afterMillis : 0);
        System.exit(worstError <= goalMillis ? 0 : 1);
    }

    /** Sleeps until shortly before {@code nanos}, spins to it, flips the target and returns the flip instant. */
    private static Instant flipAt(long nanos, boolean[] down, boolean value, Clock clock) {
        long early = nanos - 2_000_000;
        while (System.nanoTime() < early) {
            LockSupport.parkNanos(Math.min(early - System.nanoTime(), 50_000_000));
        }
        while (System.nanoTime() < nanos) {
            Thread.onSpinWait();
        }
        synchronized (down) {
            down[0] = value;
            return clock.instant();
        }
    }

    private static int intArg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
