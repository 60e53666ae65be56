package dev.faultline.agent.inventory;

import dev.faultline.agent.capability.CapabilityReport;
import dev.faultline.agent.config.AgentConfig;
import dev.faultline.agent.config.HostName;
import dev.faultline.agent.outbound.EventPublisher;
import dev.faultline.agent.platform.ecs.EcsTaskServices;
import dev.faultline.agent.runtime.docker.ContainerInventory;
import dev.faultline.common.capability.AgentCapabilities;
import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.target.ContainerInfo;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Announces the agent and its targets every heartbeat interval. When Docker does not answer, no heartbeat goes
 * out: an agent that cannot reach its runtime cannot act, and the orchestrator should see it as gone rather than
 * as alive with nothing to target.
 */
@ApplicationScoped
public class HeartbeatSender {

    private static final Logger LOG = Logger.getLogger(HeartbeatSender.class);
    /** A dead engine would otherwise log every interval. */
    static final Duration WARNING_EVERY = Duration.ofMinutes(1);

    private final String agentId;
    private final String hostname;
    private final Duration interval;
    private final ContainerInventory inventory;
    private final EventPublisher events;
    private final Clock clock;
    private final Supplier<AgentCapabilities> capabilities;
    /** Adds what the runtime's listing lacks (the ECS service of a task's container); nothing by default. */
    private final UnaryOperator<List<ContainerInfo>> enrich;
    private Instant lastWarning;

    @Inject
    public HeartbeatSender(AgentConfig config, ContainerInventory inventory, EventPublisher events, Clock clock,
            CapabilityReport capabilities, EcsTaskServices ecsServices) {
        this(config.id(), HostName.current(), config.heartbeatInterval(), inventory, events, clock,
                capabilities::current, ecsServices::withServices);
    }

    public HeartbeatSender(String agentId, String hostname, Duration interval, ContainerInventory inventory,
            EventPublisher events, Clock clock) {
        this(agentId, hostname, interval, inventory, events, clock, () -> null);
    }

    public HeartbeatSender(String agentId, String hostname, Duration interval, ContainerInventory inventory,
            EventPublisher events, Clock clock, Supplier<AgentCapabilities> capabilities) {
        this(agentId, hostname, interval, inventory, events, clock, capabilities, UnaryOperator.identity());
    }

    public HeartbeatSender(String agentId, String hostname, Duration interval, ContainerInventory inventory,
            EventPublisher events, Clock clock, Supplier<AgentCapabilities> capabilities,
            UnaryOperator<List<ContainerInfo>> enrich) {
        this.enrich = enrich;
        this.capabilities = capabilities;
        this.agentId = agentId;
        this.hostname = hostname;
        this.interval = interval;
        this.inventory = inventory;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(identity = "agent-heartbeat", every = "${faultline.agent.heartbeat-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        beat();
    }

    /** @return whether a heartbeat was sent */
    public synchronized boolean beat() {
        List<ContainerInfo> containers;
        try {
            containers = inventory.optedIn();
        } catch (RuntimeException e) {
            warnThrottled(e);
            return false;
        }
        if (lastWarning != null) {
            LOG.infof("Docker answers again; heartbeats of agent %s resume", agentId);
            lastWarning = null;
        }
        events.publish(AgentHeartbeat.of(agentId, hostname, interval, enrich.apply(containers), capabilities.get(),
                clock.instant()));
        return true;
    }

    private void warnThrottled(RuntimeException e) {
        Instant now = clock.instant();
        if (lastWarning == null || !now.isBefore(lastWarning.plus(WARNING_EVERY))) {
            LOG.warnf("Docker does not answer (%s); agent %s sends no heartbeat until it does, so the orchestrator "
                    + "will see it as gone", e.getMessage(), agentId);
            lastWarning = now;
        } else {
            LOG.debugf("Docker still does not answer: %s", e.getMessage());
        }
    }
}
