package dev.faultline.reporter.alert;

import dev.faultline.common.validation.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * When a failed delivery is tried again: exponential backoff with jitter, bounded in attempts and in total time
 * ({@code faultline.alerts.delivery.*}).
 *
 * <p>Before attempt {@code n + 1} the wait is drawn between half and all of {@code min(maxDelay, initialDelay *
 * 2^(n-1))} ("equal jitter"): the random half keeps the reporters of several environments, alerting on one outage
 * at once, from retrying in step against a recovering receiver; the fixed half keeps the waits growing. No retry is
 * made once {@code maxAttempts} were made or when the wait would end after {@code maxTotal} from the first attempt:
 * an alert hours late helps nobody, and its failure is recorded instead.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxTotal) {

    public RetryPolicy {
        Checks.start()
                .require(maxAttempts >= 1, "maxAttempts", "must be at least 1")
                .positive(initialDelay, "initialDelay")
                .positive(maxDelay, "maxDelay")
                .positive(maxTotal, "maxTotal")
                .throwIfAny();
    }

    /** The longest wait before attempt {@code attemptsMade + 1}: the exponential step, capped. */
    public Duration ceiling(int attemptsMade) {
        int doublings = Math.min(Math.max(attemptsMade - 1, 0), 30);
        long millis = initialDelay.toMillis();
        for (int i = 0; i < doublings && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }

    /**
     * The wait before the next attempt, or none when no more may be made.
     *
     * @param attemptsMade attempts so far (at least one)
     * @param elapsed      since the first attempt started
     * @param random       uniform in [0, 1): the jitter
     */
    public Optional<Duration> nextDelay(int attemptsMade, Duration elapsed, double random) {
        if (attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        long ceiling = ceiling(attemptsMade).toMillis();
        long half = ceiling / 2;
        Duration delay = Duration.ofMillis(half + (long) (random * (ceiling - half)));
        if (elapsed.plus(delay).compareTo(maxTotal) > 0) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    /** HTTP statuses worth another attempt: 429 (slow down) and 5xx; any other 4xx will be refused again. */
    public static boolean retryableStatus(int status) {
        return status == 429 || status >= 500;
    }
}
