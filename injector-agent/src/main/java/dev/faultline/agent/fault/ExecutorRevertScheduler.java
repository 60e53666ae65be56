package dev.faultline.agent.fault;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Timed reverts on one thread of their own, so that a slow Kafka consumer cannot delay them. */
@ApplicationScoped
public class ExecutorRevertScheduler implements RevertScheduler {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faultline-revert-timer");
        t.setDaemon(true);
        return t;
    });

    @Override
    public Handle schedule(Duration delay, Runnable revert) {
        ScheduledFuture<?> future = timer.schedule(revert, delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
