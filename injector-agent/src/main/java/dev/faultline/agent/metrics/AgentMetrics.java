package dev.faultline.agent.metrics;

import dev.faultline.agent.config.AgentConfig;
import dev.faultline.agent.fault.ActiveFault;
import dev.faultline.agent.fault.ActiveFaults;
import dev.faultline.agent.fault.FaultExecutorRegistry;
import dev.faultline.agent.fault.RevertCause;
import dev.faultline.agent.lease.LeaseTracker;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.event.FailureReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;

/**
 * The agent's own metrics (docs/metrics.md): what the fault path reports through a few calls, so that the executors'
 * common path ({@code FaultInjector}, {@code FaultReverter}, the lease watchdog, the command consumer) stays free of
 * Micrometer. Every series carries the agent's id, so that one Prometheus scraping many agents tells them apart.
 */
@ApplicationScoped
public class AgentMetrics {

    /**
     * Buckets for "how long until the fault was in effect" and its revert: a container kill or a tc rule takes tens
     * of milliseconds, a stop with its grace period or a stress process seconds; past 10 s something is wrong.
     */
    static final Duration[] ACTION_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final String agentId;

    @Inject
    public AgentMetrics(MeterRegistry registry, AgentConfig config, ActiveFaults active, LeaseTracker leases) {
        this(registry, config.id());
        watch(active, leases, FaultExecutorRegistry.knownTypes());
    }

    public AgentMetrics(MeterRegistry registry, String agentId) {
        this.registry = registry;
        this.agentId = agentId;
    }

    /** For an agent's parts built by hand outside CDI (tests): real meters that nobody scrapes. */
    public static AgentMetrics discarding() {
        return new AgentMetrics(new SimpleMeterRegistry(), "unregistered");
    }

    /**
     * The gauges read at each scrape: the faults in effect by type (one series per fault type of the contract, so a
     * type with no fault reads 0 rather than vanishing), and those whose run's lease has ended, which the lease
     * watchdog should have reverted within a fraction of a second. Held strongly: Micrometer keeps a gauge's object
     * weakly unless told otherwise, and a collected one reads NaN.
     */
    public void watch(ActiveFaults active, LeaseTracker leases, Collection<String> faultTypes) {
        for (String type : faultTypes) {
            Gauge.builder("faultline.agent.active.faults", active,
                            faults -> faults.snapshot().stream().filter(f -> type.equals(f.command().fault().type()))
                                    .count())
                    .description("Lasting faults in effect on this agent's host")
                    .tags("agent", agentId, "type", type)
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("faultline.agent.faults.past.lease", active,
                        faults -> faults.snapshot().stream().map(ActiveFault::command).map(InjectFault::runId)
                                .filter(leases::ended).count())
                .description("Lasting faults still in effect although their run's lease has ended")
                .tags("agent", agentId)
                .strongReference(true)
                .register(registry);
    }

    /**
     * A fault is in effect: {@code sinceCommand} from the command's timestamp (the orchestrator's planned instant,
     * so it includes Kafka and admission) and {@code applying} for the executor's action alone.
     */
    public void injected(String type, Duration sinceCommand, Duration applying) {
        timer("faultline.fault.injection.delay", "From the InjectFault command's timestamp to the fault in effect",
                type).record(positive(sinceCommand));
        timer("faultline.fault.apply.duration", "How long the executor took to apply the fault", type)
                .record(positive(applying));
    }

    public void injectionFailed(String type, FailureReason reason) {
        Counter.builder("faultline.fault.failures")
                .description("Faults that could not be applied (FaultFailed), by reason")
                .tags("agent", agentId, "type", type, "reason", wireName(reason))
                .register(registry).increment();
    }

    /** A fault was reverted; {@code reverting} is the executor's action alone. */
    public void reverted(String type, RevertCause cause, Duration reverting) {
        Timer.builder("faultline.fault.revert.duration")
                .description("How long the executor took to revert the fault, by why it was reverted")
                .tags("agent", agentId, "type", type, "cause", cause.wireName())
                .serviceLevelObjectives(ACTION_BUCKETS)
                .register(registry).record(positive(reverting));
    }

    /** A timed revert is done, {@code late} after the end the fault was planned to have. */
    public void timedRevertDone(String type, Duration late) {
        timer("faultline.fault.revert.delay", "From a fault's planned end to its revert done", type)
                .record(positive(late));
    }

    public void revertFailed(String type) {
        Counter.builder("faultline.fault.revert.failures")
                .description("Reverts that failed: the fault may still be in effect (the ledger keeps it)")
                .tags("agent", agentId, "type", type)
                .register(registry).increment();
    }

    /** A run's lease ran out while it still had faults here: the dead-man switch reverted them. */
    public void leaseExpired() {
        Counter.builder("faultline.agent.lease.expiries")
                .description("Run leases that expired with faults in effect, which the agent then reverted")
                .tags("agent", agentId)
                .register(registry).increment();
    }

    /** A record on chaos-commands refused (the reason of its CommandRejected event). */
    public void commandRejected(String reason) {
        Counter.builder("faultline.agent.commands.rejected")
                .description("Commands this agent refused (unsigned, bad signature, expired, replayed, ...)")
                .tags("agent", agentId, "reason", reason)
                .register(registry).increment();
    }

    private Timer timer(String name, String description, String type) {
        return Timer.builder(name)
                .description(description)
                .tags("agent", agentId, "type", type)
                .serviceLevelObjectives(ACTION_BUCKETS)
                .register(registry);
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static String wireName(FailureReason reason) {
        return reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
