package dev.faultline.orchestrator.run;

import dev.faultline.common.run.RunState;
import dev.faultline.common.command.RenewLease;
import dev.faultline.orchestrator.dispatch.CommandPublisher;
import dev.faultline.orchestrator.metrics.OrchestratorMetrics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The orchestrator's side of the dead-man switch: while a run is RUNNING, every agent is told every lease/3 that
 * the run's faults may stay for another lease. When the run finishes or is aborted, or this process dies, or
 * Kafka becomes unreachable, the renewals stop and the agents revert the run's faults when the lease runs out.
 */
@ApplicationScoped
public class LeaseRenewer {

    private static final Logger LOG = Logger.getLogger(LeaseRenewer.class);

    private final RunRegistry runs;
    private final CommandPublisher commands;
    private final Clock clock;
    private final Duration lease;
    private final OrchestratorMetrics metrics;
    private ScheduledExecutorService timer;

    @Inject
    public LeaseRenewer(RunRegistry runs, CommandPublisher commands, Clock clock,
            @ConfigProperty(name = "faultline.lease.duration", defaultValue = "15s") Duration lease,
            OrchestratorMetrics metrics) {
        if (lease.toMillis() < 300) {
            throw new IllegalArgumentException("faultline.lease.duration must be at least 300ms, was " + lease);
        }
        this.runs = runs;
        this.commands = commands;
        this.clock = clock;
        this.lease = lease;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent start) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "faultline-lease-renewer");
            t.setDaemon(true);
            return t;
        });
        long every = lease.toMillis() / 3;
        timer.scheduleWithFixedDelay(this::renewSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /** @return how many runs' leases were renewed */
    public int renewAll() {
        int renewed = 0;
        for (Run run : runs.all()) {
            if (run.state() != RunState.RUNNING) {
                continue;
            }
            Instant now = clock.instant();
            commands.publish(RenewLease.of(run.id(), now.plus(lease), now));
            renewed++;
            metrics.leaseRenewed();
        }
        return renewed;
    }

    public Duration lease() {
        return lease;
    }

    private void renewSafely() {
        try {
            renewAll();
        } catch (RuntimeException e) {
            // Kafka gone: the agents will revert on expiry, which is the point. Keep trying meanwhile.
            LOG.warnf("could not renew leases: %s", e.getMessage());
            metrics.leaseRenewalFailed();
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
