package dev.faultline.reporter.inbound;

import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.VerdictMessage;
import dev.faultline.reporter.MessageTypes;
import dev.faultline.reporter.alert.AlertTrigger;
import dev.faultline.reporter.report.ReportFiles;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Turns each RunVerdict from {@code chaos-verdicts} into the run's reports and its COMPLETED item, then hands it to
 * the alerts (a FAIL alerts once the report it links to exists). A failure (DynamoDB or the report disk) nacks and
 * stops the consumer, for the reasons given on {@link EventsConsumer}: a verdict must not be dropped, and completing
 * a run twice only rewrites the same reports, while its alert's claim keeps it from being sent twice.
 */
@ApplicationScoped
public class VerdictsConsumer {

    private static final Logger LOG = Logger.getLogger(VerdictsConsumer.class);

    private final RunCompletion completion;
    private final AlertTrigger alerts;

    public VerdictsConsumer(RunCompletion completion, AlertTrigger alerts) {
        this.completion = completion;
        this.alerts = alerts;
    }

    @Incoming("verdicts")
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    public void consume(String json) {
        Optional<VerdictMessage> parsed = InboundJson.read(json, VerdictMessage.class, "chaos-verdicts");
        if (parsed.isEmpty() || !(parsed.get() instanceof RunVerdict verdict)) {
            return;
        }
        try {
            ReportFiles files = completion.complete(verdict);
            LOG.infof("run %s: verdict %s, reports written to %s and %s", verdict.runId(), verdict.verdict(),
                    files.json(), files.markdown());
            alerts.onVerdict(verdict);
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %s: could not record %s %s; the message is nacked and the consumer stops so that it"
                    + " is read again after a restart", verdict.runId(), MessageTypes.nameOf(verdict),
                    verdict.messageId());
            throw e;
        }
    }
}
