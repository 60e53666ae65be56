package dev.faultline.reporter.alert;

import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.verdict.RunVerdict;

/**
 * What the consumers hand every recorded verdict and event to ({@link Alerts}); returns once the alert, if any, is
 * claimed: its sending happens elsewhere and never holds up the consumer.
 */
public interface AlertTrigger {

    void onVerdict(RunVerdict verdict);

    void onEvent(ChaosEvent event);
}
