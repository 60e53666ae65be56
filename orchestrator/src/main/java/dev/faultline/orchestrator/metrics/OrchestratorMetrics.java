package dev.faultline.orchestrator.metrics;

import dev.faultline.common.event.CommandRejected;
import dev.faultline.common.run.RunState;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.orchestrator.agents.AgentDirectory;
import dev.faultline.orchestrator.run.RunRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The orchestrator's own metrics (docs/metrics.md): runs by state, verdict and abort cause, lease renewals, the
 * agents' rejected commands (from their command-rejected events) and how long ago each agent was last heard from.
 * The run coordinator, the lease renewer, the event consumer and the schedule engine each make one call; nothing
 * else knows Micrometer.
 */
@ApplicationScoped
public class OrchestratorMetrics {

    /** Why a run was aborted, as a label with a handful of values (the abort's reason text is free-form). */
    public enum AbortCause {
        /** An operator's halt (POST /api/v1/halt, ./faultline halt). */
        HALT,
        /** An operator aborted this one run (its abort endpoint). */
        OPERATOR,
        /** An objective already lost, with {@code slos.abortOnBreach}. */
        SLO_BREACH,
        /** A command or event of the run could not be sent to Kafka. */
        PUBLISH_FAILED,
        /** The orchestrator restarted while the run was active. */
        RESTART;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final MeterRegistry registry;
    private final Set<String> agentsWatched = ConcurrentHashMap.newKeySet();
    private AgentDirectory agents;
    private Clock clock;

    @Inject
    public OrchestratorMetrics(MeterRegistry registry, RunRegistry runs, AgentDirectory agents, Clock clock) {
        this(registry);
        watch(runs, agents, clock);
    }

    public OrchestratorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** For parts built by hand outside CDI (tests): real meters that nobody scrapes. */
    public static OrchestratorMetrics discarding() {
        return new OrchestratorMetrics(new SimpleMeterRegistry());
    }

    /**
     * The gauges read at each scrape: the runs this orchestrator holds by state, and the agents it hears. Held
     * strongly: Micrometer keeps a gauge's object weakly unless told otherwise, and a collected one reads NaN.
     */
    public void watch(RunRegistry runs, AgentDirectory agents, Clock clock) {
        this.agents = agents;
        this.clock = clock;
        for (RunState state : RunState.values()) {
            Gauge.builder("faultline.runs", runs, r -> r.all().stream().filter(run -> run.state() == state).count())
                    .description("Runs this orchestrator holds (started or taken back at start-up), by state")
                    .tags("state", state.name().toLowerCase(Locale.ROOT))
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("faultline.agents.live", agents, a -> a.live().size())
                .description("Agents whose last heartbeat is recent enough for their containers to be targets")
                .strongReference(true)
                .register(registry);
    }

    public void runStarted() {
        Counter.builder("faultline.runs.started").description("Runs started").register(registry).increment();
    }

    public void runCompleted(Verdict verdict) {
        Counter.builder("faultline.runs.completed").description("Runs completed with the observer's verdict")
                .tag("verdict", verdict.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    public void runAborted(AbortCause cause) {
        Counter.builder("faultline.runs.aborted").description("Runs aborted, by cause")
                .tag("cause", cause.label())
                .register(registry).increment();
    }

    /** One RenewLease sent (each round of the renewer sends one per running run). */
    /** A schedule's occurrence started a run ({@code outcome=run, reason=none}). */
    public void occurrenceRun() {
        occurrences("run", "none").increment();
    }

    /** A schedule's occurrence was skipped, with the {@code reasonCode} of its run-skipped event. */
    public void occurrenceSkipped(String reasonCode) {
        occurrences("skipped", reasonCode).increment();
    }

    private Counter occurrences(String outcome, String reason) {
        return Counter.builder("faultline.schedule.occurrences")
                .description("Schedule occurrences: run, or skipped by reason").tag("outcome", outcome)
                .tag("reason", reason).register(registry);
    }

    public void leaseRenewed() {
        Counter.builder("faultline.lease.renewals").description("RenewLease commands sent (one per running run)")
                .register(registry).increment();
    }

    public void leaseRenewalFailed() {
        Counter.builder("faultline.lease.renewal.failures")
                .description("Rounds of lease renewals that could not be sent (Kafka unreachable)")
                .register(registry).increment();
    }

    public void commandRejected(CommandRejected rejected) {
        Counter.builder("faultline.command.rejections")
                .description("Commands an agent refused, from its command-rejected events")
                .tags("agent", rejected.agentId(), "reason", rejected.reason())
                .register(registry).increment();
    }

    /**
     * A heartbeat arrived: the first one of an agent registers its age gauge. The series stays after the agent went
     * silent, its age growing, which is what the agent-silent alert looks at.
     */
    public void heartbeatReceived(String agentId) {
        if (agents == null || !agentsWatched.add(agentId)) {
            return;
        }
        Gauge.builder("faultline.agent.heartbeat.age", agents, a -> ageSeconds(a, agentId))
                .description("Seconds since the orchestrator last received this agent's heartbeat")
                .baseUnit("seconds")
                .tag("agent", agentId)
                .strongReference(true)
                .register(registry);
    }

    /** One lookup: a scrape reads this for every agent (sorting the directory each time made a scrape O(n² log n)). */
    private double ageSeconds(AgentDirectory directory, String agentId) {
        return directory.seen(agentId)
                .map(seen -> Duration.between(seen.receivedAt(), clock.instant()).toMillis() / 1000.0)
                .orElse(Double.NaN);
    }
}
