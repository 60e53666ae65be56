package dev.faultline.observer.probe;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.faultline.common.experiment.AdaptiveProbing;
import dev.faultline.common.experiment.DockerHealthProbe;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Probe;
import dev.faultline.common.experiment.PrometheusProbe;
import dev.faultline.common.experiment.TcpProbe;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.channels.AsynchronousChannelGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs probes of every kind at their intervals without a thread per probe: one event loop fires every schedule
 * and each tick only issues an asynchronous HTTP request or TCP connect, so many probes on many targets share a
 * couple of threads. Docker inspects, which docker-java only offers blocking, run on a pool of two.
 *
 * <p>HTTP probes go through one Vert.x HTTP client on one event loop of this scheduler's own: kept-alive connections
 * in a bounded pool per target ({@link #HTTP_CONNECTIONS_PER_TARGET}), each request sent, parsed and judged on that
 * thread. The JDK's HTTP client, which the metrics pollers and Prometheus probes still use ({@link #httpClient()}),
 * cost several times more CPU per request (thread hand-offs, a linear scan of its connection pool; see
 * docs/scaling.md). The event loop is not Quarkus' own, so that a busy API cannot delay a probe's send.
 *
 * <p>Adaptive probing ({@link AdaptiveProbing}) adds fast probes to HTTP and TCP probes around transitions, on the
 * same event loop, capped at {@code maxFastProbesPerSecond} across every probe of this scheduler. Docker-health and
 * Prometheus probes get none: a container's health changes only at Docker's own health-check interval, and a
 * metrics exposition every few milliseconds would load the target for nothing finer.
 */
public final class ProbeScheduler implements AutoCloseable {

    /** The default cap on fast probes per second across all probes (see docs/verdict.md). */
    public static final int DEFAULT_MAX_FAST_PROBES_PER_SECOND = 1000;

    /**
     * Connections kept per target: a healthy target needs one (a probe every interval, plus one fast probe at a
     * time); a hung one holds one per probe in flight until its timeout, and probes beyond these wait for a
     * connection within their own timeout instead of opening ever more sockets on a target in trouble.
     */
    static final int HTTP_CONNECTIONS_PER_TARGET = 8;

    private final Clock clock;
    private final ScheduledExecutorService ticks;
    /** The HTTP client's event loop, which also fires every probe's ticks and fast timers. */
    private final ScheduledExecutorService probeLoop;
    private final ExecutorService ioThreads;
    private final ExecutorService dockerThreads;
    private final HttpClient client;
    private final Vertx vertx;
    private final io.vertx.core.http.HttpClient probeClient;
    private final AsynchronousChannelGroup tcpGroup;
    private final Supplier<DockerClient> docker;
    private final Consumer<ProbeSample> tap;
    private final FastProbePacing pacing;
    private DockerClient dockerClient; // guarded by this; created on first docker-health probe

    public ProbeScheduler(Clock clock) {
        this(clock, "unix:///var/run/docker.sock");
    }

    public ProbeScheduler(Clock clock, String dockerHost) {
        this(clock, dockerHost, sample -> { });
    }

    /**
     * @param tap sees every sample of every probe before its run does (the observer's own metrics); it must be
     *            quick and must not throw
     */
    public ProbeScheduler(Clock clock, String dockerHost, Consumer<ProbeSample> tap) {
        this(clock, dockerHost, tap, DEFAULT_MAX_FAST_PROBES_PER_SECOND);
    }

    /**
     * @param tap                    as above
     * @param maxFastProbesPerSecond the cap on adaptive probes per second, shared evenly by the probes in fast mode
     */
    public ProbeScheduler(Clock clock, String dockerHost, Consumer<ProbeSample> tap, int maxFastProbesPerSecond) {
        this.pacing = new FastProbePacing(maxFastProbesPerSecond);
        this.tap = Objects.requireNonNull(tap, "tap");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticks = Executors.newSingleThreadScheduledExecutor(daemonThreads("faultline-probe-tick"));
        this.ioThreads = Executors.newFixedThreadPool(2, daemonThreads("faultline-probe-io"));
        this.dockerThreads = Executors.newFixedThreadPool(2, daemonThreads("faultline-probe-docker"));
        this.client = HttpClient.newBuilder()
                .executor(ioThreads)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1) // nothing blocking runs here; Vert.x wants a pool
                .setInternalBlockingPoolSize(1));
        this.probeClient = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        // any system's answer: the JDK's client took headers of any size, Vert.x's default is 8 KB
                        .setMaxHeaderSize(64 * 1024)
                        .setName("faultline-probe"),
                new PoolOptions().setHttp1MaxSize(HTTP_CONNECTIONS_PER_TARGET).setEventLoopSize(1));
        // Netty's event loop is a ScheduledExecutorService: a tick that fires on it sends its request there at once,
        // one thread woken per probe instead of a tick thread handing each request to the event loop (a second
        // wake-up, which on a loaded machine delayed sends by tens of milliseconds, see docs/scaling.md)
        this.probeLoop = vertx.nettyEventLoopGroup().next();
        try {
            this.tcpGroup = AsynchronousChannelGroup.withThreadPool(
                    Executors.newFixedThreadPool(1, daemonThreads("faultline-probe-tcp")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the TCP probe channel group", e);
        }
        this.docker = () -> dockerClient(dockerHost);
    }

    /**
     * Probes now and then every {@code probe.interval()} until {@code until} (or until the returned handle is
     * stopped), handing each sample to {@code sink} on a probe thread.
     */
    public ScheduledProbe start(Probe probe, Instant until, Consumer<ProbeSample> sink) {
        return start(probe, until, sink, Duration.ZERO);
    }

    /** As {@link #start(Probe, Instant, Consumer)}, the first probe after {@code delay}. */
    public ScheduledProbe start(Probe probe, Instant until, Consumer<ProbeSample> sink, Duration delay) {
        return start(probe, until, sink, delay, AdaptiveProbing.OFF, sample -> { });
    }

    /**
     * As {@link #start(Probe, Instant, Consumer, Duration)}, with adaptive probing: when {@code adaptive} applies to
     * the probe (and it is an HTTP or TCP probe), it also probes at the fast interval while failing and in the spans
     * given to {@link ScheduledProbe#hasten}, handing those samples to {@code fastSink}.
     */
    public ScheduledProbe start(Probe probe, Instant until, Consumer<ProbeSample> sink, Duration delay,
            AdaptiveProbing adaptive, Consumer<ProbeSample> fastSink) {
        ScheduledProbe.Fast fast = adaptive.appliesTo(probe) && (probe instanceof HttpProbe || probe instanceof TcpProbe)
                ? new ScheduledProbe.Fast(adaptive.interval(), tapped(fastSink), pacing, probeLoop)
                : null;
        ScheduledProbe scheduled = new ScheduledProbe(probe, checkFor(probe), until, tapped(sink), clock, fast);
        long intervalMicros = TimeUnit.NANOSECONDS.toMicros(probe.interval().toNanos());
        scheduled.attach(probeLoop.scheduleAtFixedRate(scheduled::tick, TimeUnit.NANOSECONDS.toMicros(delay.toNanos()),
                intervalMicros, TimeUnit.MICROSECONDS));
        return scheduled;
    }

    private Consumer<ProbeSample> tapped(Consumer<ProbeSample> sink) {
        return sample -> {
            tap.accept(sample);
            sink.accept(sample);
        };
    }

    /** Fast (adaptive) probes issued so far by every probe of this scheduler. */
    public long fastProbesIssued() {
        return pacing.issuedCount();
    }

    /** The cap on fast probes per second across all probes. */
    public int maxFastProbesPerSecond() {
        return pacing.maxPerSecond();
    }

    /** The HTTP client the probes share; the metrics pollers use it too. */
    public HttpClient httpClient() {
        return client;
    }

    /**
     * A timer thread for other periodic work that only issues asynchronous requests (the metrics pollers); the
     * probes' own ticks run on the HTTP client's event loop.
     */
    public ScheduledExecutorService ticks() {
        return ticks;
    }

    private ProbeCheck checkFor(Probe probe) {
        // Java 17: no pattern switch yet; Probe is sealed, so these four are all the kinds.
        if (probe instanceof HttpProbe http) {
            return new HttpCheck(http, vertx, probeClient);
        } else if (probe instanceof TcpProbe tcp) {
            return new TcpCheck(tcp, tcpGroup);
        } else if (probe instanceof DockerHealthProbe health) {
            return new DockerHealthCheck(health, docker, dockerThreads);
        } else if (probe instanceof PrometheusProbe metrics) {
            return new PrometheusCheck(metrics, client);
        }
        throw new IllegalArgumentException("no check for probe kind " + probe.getClass().getSimpleName());
    }

    private synchronized DockerClient dockerClient(String dockerHost) {
        if (dockerClient == null) {
            DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost(dockerHost).build();
            ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .connectionTimeout(Duration.ofSeconds(2))
                    .responseTimeout(Duration.ofSeconds(5))
                    .build();
            dockerClient = DockerClientImpl.getInstance(config, http);
        }
        return dockerClient;
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        ioThreads.shutdownNow();
        dockerThreads.shutdownNow();
        vertx.close(); // its client and connections with it
        try {
            tcpGroup.shutdownNow();
        } catch (IOException ignored) {
            // shutting down anyway
        }
        synchronized (this) {
            if (dockerClient != null) {
                try {
                    dockerClient.close();
                } catch (IOException ignored) {
                    // closing at shutdown; nothing to do about it
                }
            }
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
