package dev.faultline.agent.inbound;

import dev.faultline.agent.config.AgentConfig;
import dev.faultline.agent.fault.Arrival;
import dev.faultline.agent.ledger.LedgerRecovery;
import dev.faultline.agent.metrics.AgentMetrics;
import dev.faultline.agent.outbound.EventPublisher;
import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.event.CommandRejected;
import dev.faultline.common.topic.Topics;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code chaos-commands}. Only signed commands that verify are routed (see {@link CommandVerifier}); a
 * rejected one becomes a {@code command-rejected} security event. Nothing a record contains may stop the consumer:
 * a failure while acting is logged and the next command handled. No command is handled before the faults left in
 * the ledger by a previous process are reverted.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    private final String agentId;
    private final CommandRouter router;
    private final CommandVerifier verifier;
    private final LedgerRecovery recovery;
    private final EventPublisher events;
    private final Clock clock;
    private final AgentMetrics metrics;

    public CommandConsumer(AgentConfig config, CommandRouter router, CommandVerifier verifier,
            LedgerRecovery recovery, EventPublisher events, Clock clock) {
        this(config, router, verifier, recovery, events, clock, AgentMetrics.discarding());
    }

    @Inject
    public CommandConsumer(AgentConfig config, CommandRouter router, CommandVerifier verifier,
            LedgerRecovery recovery, EventPublisher events, Clock clock, AgentMetrics metrics) {
        this.metrics = metrics;
        this.agentId = config.id();
        this.router = router;
        this.verifier = verifier;
        this.recovery = recovery;
        this.events = events;
        this.clock = clock;
    }

    /** Blocking: faults call Docker and host commands, which must not run on the event loop. */
    @Incoming("commands")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        recovery.awaitFirstRecovery();
        if (addressedElsewhere(key(message), agentId)) {
            // Every agent reads every record; the orchestrator keys each by the agent it is for. Verifying the
            // signature of another agent's command (~0.7 ms of CPU) would make each agent pay for the whole fleet's
            // wave (docs/scaling.md). The signed command's own agentId is still checked after verification.
            return message.ack();
        }
        handle(message.getPayload(), position(message), producedAt(message));
        return message.ack();
    }

    /** A record keyed for another agent (neither this agent's id nor the broadcast key); unkeyed ones are read. */
    static boolean addressedElsewhere(String key, String agentId) {
        return key != null && !key.equals(agentId) && !Topics.BROADCAST_KEY.equals(key);
    }

    /** @return whether the record was routed (verified); visible for tests */
    boolean handle(String payload, String position) {
        return handle(payload, position, null);
    }

    /** @param producedAt the record's Kafka timestamp, null when unknown: the first hop of an injection's report */
    boolean handle(String payload, String position, Instant producedAt) {
        Instant received = clock.instant();
        CommandVerifier.Verdict verdict = verifier.verify(payload);
        if (verdict instanceof CommandVerifier.Rejected rejected) {
            reject(rejected, position);
            return false;
        }
        ChaosCommand command = ((CommandVerifier.Accepted) verdict).command();
        Arrival arrival = new Arrival(producedAt, received, Duration.between(received, clock.instant()));
        try {
            router.route(command, arrival);
        } catch (RuntimeException e) {
            LOG.errorf(e, "command %s (run %s) at %s failed", command.messageId(), command.runId(), position);
        }
        return true;
    }

    private void reject(CommandVerifier.Rejected rejected, String position) {
        ChaosCommand command = rejected.command().orElse(null);
        if (command != null && !agentId.equals(command.agentId()) && !Topics.BROADCAST_KEY.equals(command.agentId())) {
            // Every agent reads every record; the one it is addressed to reports it.
            LOG.debugf("rejected command for agent %s at %s: %s", command.agentId(), position, rejected.reason());
            return;
        }
        LOG.warnf("REJECTED command at %s: %s: %s", position, rejected.reason(), rejected.detail());
        metrics.commandRejected(rejected.reason());
        try {
            events.publish(CommandRejected.of(agentId, rejected.reason(), rejected.detail(),
                    command == null ? null : command.runId(),
                    command == null ? null : command.messageId(),
                    command == null ? null : command.getClass().getSimpleName(),
                    rejected.keyId(), clock.instant()));
        } catch (RuntimeException e) {
            LOG.errorf("cannot report the rejected command at %s: %s", position, e.getMessage());
        }
    }

    private static Instant producedAt(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getTimestamp)
                .filter(timestamp -> timestamp.toEpochMilli() > 0) // -1: a record without a timestamp
                .orElse(null);
    }

    private static String key(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getKey)
                .map(Object::toString)
                .orElse(null);
    }

    private static String position(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset())
                .orElse("(no Kafka offset)");
    }
}
