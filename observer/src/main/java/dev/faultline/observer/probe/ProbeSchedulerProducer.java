package dev.faultline.observer.probe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** One scheduler, with its two threads, for all runs of this observer. */
@ApplicationScoped
public class ProbeSchedulerProducer {

    @Produces
    @Singleton
    ProbeScheduler probeScheduler(Clock clock) {
        return new ProbeScheduler(clock);
    }

    void close(@Disposes ProbeScheduler scheduler) {
        scheduler.close();
    }
}
