package dev.faultline.observer.probe;

import dev.faultline.common.experiment.HttpProbe;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs HTTP probes at their intervals without a thread per probe: one timer thread fires every schedule and
 * each tick only issues an asynchronous request, so many probes on many targets share a couple of threads.
 */
public final class ProbeScheduler implements AutoCloseable {

    private final Clock clock;
    private final ScheduledExecutorService ticks;
    private final ExecutorService httpThreads;
    private final HttpClient client;

    public ProbeScheduler(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticks = Executors.newSingleThreadScheduledExecutor(daemonThreads("faultline-probe-tick"));
        this.httpThreads = Executors.newFixedThreadPool(2, daemonThreads("faultline-probe-http"));
        this.client = HttpClient.newBuilder()
                .executor(httpThreads)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Probes now and then every {@code probe.interval()} until {@code until} (or until the returned handle is
     * stopped), handing each sample to {@code sink} on an HTTP client thread.
     */
    public ScheduledProbe start(HttpProbe probe, Instant until, Consumer<ProbeSample> sink) {
        ScheduledProbe scheduled = new ScheduledProbe(probe, until, sink, client, clock);
        long intervalMillis = probe.interval().toMillis();
        scheduled.attach(ticks.scheduleAtFixedRate(scheduled::tick, 0, intervalMillis, TimeUnit.MILLISECONDS));
        return scheduled;
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        httpThreads.shutdownNow();
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
