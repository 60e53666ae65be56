package dev.faultline.agent.lease;

import dev.faultline.agent.fault.FaultReverter;
import dev.faultline.agent.ledger.LedgerRecovery;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.quarkus.runtime.StartupEvent;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Checks the leases a few times a second on a thread of its own (not the Quarkus scheduler, which tests switch
 * off, and not the Kafka consumer, which is exactly what may be stuck) and reverts the faults of every run whose
 * lease ended. Also retries ledger entries that could not be reverted at start (Docker was not answering).
 */
@ApplicationScoped
public class LeaseWatchdog {

    private static final Logger LOG = Logger.getLogger(LeaseWatchdog.class);
    /** Leaves start-up time to connect the event channel before the ledger recovery reports on it. */
    static final long FIRST_ROUND_MILLIS = 1_000;

    private final LeaseTracker leases;
    private final FaultReverter reverter;
    private final LedgerRecovery recovery;
    private final long checkMillis;
    private ScheduledExecutorService timer;

    @Inject
    public LeaseWatchdog(LeaseTracker leases, FaultReverter reverter, LedgerRecovery recovery,
            @ConfigProperty(name = "faultline.lease.check-interval", defaultValue = "250ms") java.time.Duration check) {
        this.leases = leases;
        this.reverter = reverter;
        this.recovery = recovery;
        this.checkMillis = Math.max(10, check.toMillis());
    }

    void onStart(@Observes StartupEvent start) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "faultline-lease-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkSafely, FIRST_ROUND_MILLIS, checkMillis, TimeUnit.MILLISECONDS);
    }

    /** One round: revert the runs whose lease ended. @return how many faults were reverted */
    public int check() {
        recovery.awaitFirstRecovery();
        int reverted = 0;
        List<String> expired = leases.takeExpired();
        for (String runId : expired) {
            reverted += reverter.leaseExpired(runId);
        }
        if (recovery.pending()) {
            recovery.recover();
        }
        return reverted;
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.error("lease check failed; trying again at the next round", e);
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
