package dev.faultline.orchestrator.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.CommandRejected;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.verdict.RunProgress;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloBreached;
import dev.faultline.common.verdict.VerdictMessage;
import dev.faultline.orchestrator.agents.AgentDirectory;
import dev.faultline.orchestrator.metrics.OrchestratorMetrics;
import dev.faultline.orchestrator.run.RunCoordinator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads what agents and the observer report: heartbeats feed the agent directory, fault outcomes (injected, failed,
 * reverted), breaches, progress and verdicts feed the runs. A malformed message is logged and skipped; it must not stop the stream.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    AgentDirectory agents;
    @Inject
    RunCoordinator coordinator;
    @Inject
    OrchestratorMetrics metrics;

    @Incoming("events-in")
    public void onEvent(String json) {
        ChaosEvent event;
        try {
            event = ChaosJson.read(json, ChaosEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warnf("skipping unreadable event: %s", e.getMessage());
            return;
        }
        if (event instanceof AgentHeartbeat heartbeat) {
            agents.record(heartbeat);
            metrics.heartbeatReceived(heartbeat.agentId());
        } else if (event instanceof FaultInjected injected) {
            coordinator.onFaultInjected(injected);
        } else if (event instanceof FaultFailed failed) {
            coordinator.onFaultFailed(failed);
        } else if (event instanceof FaultReverted reverted) {
            coordinator.onFaultReverted(reverted);
        } else if (event instanceof CommandRejected rejected) {
            metrics.commandRejected(rejected);
        }
    }

    @Incoming("verdicts")
    public void onVerdict(String json) {
        try {
            VerdictMessage message = ChaosJson.read(json, VerdictMessage.class);
            if (message instanceof RunVerdict verdict) {
                coordinator.onVerdict(verdict);
            } else if (message instanceof SloBreached breach) {
                coordinator.onSloBreached(breach);
            } else if (message instanceof RunProgress progress) {
                coordinator.onProgress(progress);
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warnf("skipping unreadable verdict: %s", e.getMessage());
        }
    }
}
