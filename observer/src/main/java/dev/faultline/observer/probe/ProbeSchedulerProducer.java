package dev.faultline.observer.probe;

import dev.faultline.observer.telemetry.ObserverMetrics;
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
    ProbeScheduler probeScheduler(Clock clock, ObserverMetrics metrics) {
        return new ProbeScheduler(clock, "unix:///var/run/docker.sock", metrics::probed);
    }

    void close(@Disposes ProbeScheduler scheduler) {
        scheduler.close();
    }
}
