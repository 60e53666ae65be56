package dev.faultline.orchestrator.run;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The {@link RunTimer} of a running orchestrator: one thread is plenty, steps only publish messages. A failing step is
 * logged and does not kill the timer.
 */
@ApplicationScoped
public class ScheduledRunTimer implements RunTimer {

    private static final Logger LOG = Logger.getLogger(ScheduledRunTimer.class);

    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faultline-run-timer");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public ScheduledRunTimer(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void at(Instant when, Runnable step) {
        long delay = Math.max(0, Duration.between(clock.instant(), when).toMillis());
        executor.schedule(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.error("a scheduled run step failed", e);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
