package dev.faultline.observer.probe;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.faultline.common.experiment.DockerHealthProbe;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Probe;
import dev.faultline.common.experiment.PrometheusProbe;
import dev.faultline.common.experiment.TcpProbe;
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
 * Runs probes of every kind at their intervals without a thread per probe: one timer thread fires every schedule
 * and each tick only issues an asynchronous HTTP request or TCP connect, so many probes on many targets share a
 * couple of threads. Docker inspects, which docker-java only offers blocking, run on a pool of two.
 */
public final class ProbeScheduler implements AutoCloseable {

    private final Clock clock;
    private final ScheduledExecutorService ticks;
    private final ExecutorService ioThreads;
    private final ExecutorService dockerThreads;
    private final HttpClient client;
    private final AsynchronousChannelGroup tcpGroup;
    private final Supplier<DockerClient> docker;
    private final Consumer<ProbeSample> tap;
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
        Consumer<ProbeSample> tapped = sample -> {
            tap.accept(sample);
            sink.accept(sample);
        };
        ScheduledProbe scheduled = new ScheduledProbe(probe, checkFor(probe), until, tapped, clock);
        long intervalMicros = TimeUnit.NANOSECONDS.toMicros(probe.interval().toNanos());
        scheduled.attach(ticks.scheduleAtFixedRate(scheduled::tick, TimeUnit.NANOSECONDS.toMicros(delay.toNanos()),
                intervalMicros, TimeUnit.MICROSECONDS));
        return scheduled;
    }

    /** The HTTP client the probes share; the metrics pollers use it too. */
    public HttpClient httpClient() {
        return client;
    }

    /** The tick thread, for other periodic work that only issues asynchronous requests. */
    public ScheduledExecutorService ticks() {
        return ticks;
    }

    private ProbeCheck checkFor(Probe probe) {
        // Java 17: no pattern switch yet; Probe is sealed, so these four are all the kinds.
        if (probe instanceof HttpProbe http) {
            return new HttpCheck(http, client);
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
