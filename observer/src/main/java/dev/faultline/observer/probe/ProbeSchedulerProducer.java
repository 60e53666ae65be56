package dev.faultline.observer.probe;

import dev.faultline.observer.telemetry.ObserverMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** One scheduler, with its tick thread and its HTTP probes' event loop, for all runs of this observer. */
@ApplicationScoped
public class ProbeSchedulerProducer {

    @Produces
    @Singleton
    ProbeScheduler probeScheduler(Clock clock, ObserverMetrics metrics,
            @ConfigProperty(name = "faultline.probe.adaptive.max-per-second", defaultValue = "1000")
            int maxFastProbesPerSecond) {
        return new ProbeScheduler(clock, "unix:///var/run/docker.sock", metrics::probed, maxFastProbesPerSecond);
    }

    void close(@Disposes ProbeScheduler scheduler) {
        scheduler.close();
    }
}
