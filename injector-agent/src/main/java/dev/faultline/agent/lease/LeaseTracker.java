package dev.faultline.agent.lease;

import dev.faultline.common.command.RenewLease;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The dead-man switch: when each run's lease ends, by this agent's clock. A run's lease starts when the agent
 * injects its first lasting fault (injection time + {@code faultline.lease.duration}) and moves on with every
 * RenewLease. A renewal is read as "valid for (expiresAt - timestamp) from now", so that clock skew between the
 * orchestrator's host and this one neither shortens nor stretches it.
 */
@ApplicationScoped
public class LeaseTracker {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);

    private final Duration lease;
    private final Clock clock;
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    @Inject
    public LeaseTracker(@ConfigProperty(name = "faultline.lease.duration", defaultValue = "15s") Duration lease,
            Clock clock) {
        if (lease.isZero() || lease.isNegative()) {
            throw new IllegalArgumentException("faultline.lease.duration must be positive, was " + lease);
        }
        this.lease = lease;
        this.clock = clock;
    }

    public Duration lease() {
        return lease;
    }

    /** A lasting fault of {@code runId} was injected now: the lease runs from here unless it already runs. */
    public void faultInjected(String runId) {
        Instant expiry = clock.instant().plus(lease);
        expiries.merge(runId, expiry, (old, fresh) -> old.isAfter(fresh) ? old : fresh);
    }

    /** Extends the run's lease; a renewal never shortens it. */
    public void renewed(RenewLease renewal) {
        Duration validFor = Duration.between(renewal.timestamp(), renewal.expiresAt());
        if (validFor.isNegative() || validFor.isZero()) {
            return;
        }
        if (validFor.compareTo(lease.multipliedBy(4)) > 0) {
            // A renewal that claims much more than the agreed lease would disable the dead-man switch.
            validFor = lease.multipliedBy(4);
        }
        Instant expiry = clock.instant().plus(validFor);
        expiries.merge(renewal.runId(), expiry, (old, fresh) -> old.isAfter(fresh) ? old : fresh);
    }

    /** Takes out and returns the runs whose lease has ended by now. */
    public List<String> takeExpired() {
        Instant now = clock.instant();
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, Instant> e : List.copyOf(expiries.entrySet())) {
            if (!e.getValue().isAfter(now) && expiries.remove(e.getKey(), e.getValue())) {
                expired.add(e.getKey());
            }
        }
        return expired;
    }

    public java.util.Optional<Instant> expiryOf(String runId) {
        return java.util.Optional.ofNullable(expiries.get(runId));
    }

    /**
     * Whether the run holds no lease that runs on past now: it expired (the watchdog is about to revert its faults,
     * or failed to), or it was never taken. A fault of such a run should not be in effect.
     */
    public boolean ended(String runId) {
        Instant expiry = expiries.get(runId);
        return expiry == null || !expiry.isAfter(clock.instant());
    }

    /**
     * After a halt: forgets the leases of every run but {@code runs} (those with faults still in effect, started after
     * the halt), since the halt reverted everything else and there is nothing left of them to keep alive.
     */
    public void retainOnly(java.util.Set<String> runs) {
        expiries.keySet().retainAll(runs);
    }
}
