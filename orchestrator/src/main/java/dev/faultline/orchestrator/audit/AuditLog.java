package dev.faultline.orchestrator.audit;

import dev.faultline.common.audit.AuditRecord;
import dev.faultline.common.json.ChaosJson;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Every operator action on {@code chaos-audit}, keyed by operator. Also written to the log, so that an action is
 * on record even when Kafka does not acknowledge it; a lost audit record never undoes or blocks the action (a halt
 * must go through whatever happens to the audit trail).
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger("faultline.audit");
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    @Channel("audit-out")
    MutinyEmitter<String> emitter;
    @Inject
    Clock clock;

    public AuditRecord record(String operator, String role, String action, String subject, String outcome,
            String runId) {
        AuditRecord record = AuditRecord.of(operator, role, action, subject, outcome, runId, clock.instant());
        LOG.infof("%s (%s) %s %s: %s", operator, role, action, subject, outcome);
        try {
            emitter.sendMessage(Message.of(ChaosJson.write(record)).addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder().withKey(operator).build()))
                    .await().atMost(ACK_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.errorf("audit record %s not acknowledged by Kafka: %s", record.messageId(), e.getMessage());
        }
        return record;
    }
}
