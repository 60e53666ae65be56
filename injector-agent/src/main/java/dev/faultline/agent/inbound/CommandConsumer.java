package dev.faultline.agent.inbound;

import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.json.ChaosJson;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code chaos-commands}. Nothing a record contains may stop the consumer: an unreadable record is logged
 * with its position and skipped, and a failure while acting is logged and the next command handled.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    private final CommandRouter router;

    @Inject
    public CommandConsumer(CommandRouter router) {
        this.router = router;
    }

    /** Blocking: faults call Docker and host commands, which must not run on the event loop. */
    @Incoming("commands")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        ChaosCommand command;
        try {
            command = ChaosJson.read(message.getPayload(), ChaosCommand.class);
        } catch (Exception e) {
            LOG.warnf("skipping unreadable command at %s: %s", position(message), e.getMessage());
            return message.ack();
        }
        try {
            router.route(command);
        } catch (RuntimeException e) {
            LOG.errorf(e, "command %s (run %s) at %s failed", command.messageId(), command.runId(), position(message));
        }
        return message.ack();
    }

    private static String position(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset())
                .orElse("(no Kafka offset)");
    }
}
