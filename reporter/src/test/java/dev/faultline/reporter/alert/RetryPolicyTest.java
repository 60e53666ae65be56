package dev.faultline.reporter.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofMinutes(2));

    @Test
    void theCeilingDoublesFromTheInitialDelayUpToTheMaximum() {
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(policy::ceiling).map(Duration::toMillis))
                .containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 10_000L, 10_000L, 10_000L);
    }

    @Test
    void theWaitIsBetweenHalfAndAllOfTheCeiling() {
        assertThat(policy.nextDelay(3, Duration.ZERO, 0.0)).contains(Duration.ofMillis(2_000));
        assertThat(policy.nextDelay(3, Duration.ZERO, 0.5)).contains(Duration.ofMillis(3_000));
        assertThat(policy.nextDelay(3, Duration.ZERO, 0.999_999)).hasValueSatisfying(
                d -> assertThat(d).isLessThan(Duration.ofMillis(4_000)).isGreaterThan(Duration.ofMillis(3_990)));
    }

    @Test
    void noMoreAttemptsThanTheMaximum() {
        assertThat(policy.nextDelay(5, Duration.ZERO, 0.5)).isPresent();
        assertThat(policy.nextDelay(6, Duration.ZERO, 0.5)).isEmpty();
        assertThat(new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1))
                .nextDelay(1, Duration.ZERO, 0.0)).isEmpty();
    }

    @Test
    void noAttemptThatWouldStartAfterTheTotalTime() {
        assertThat(policy.nextDelay(2, Duration.ofSeconds(117), 0.5)).contains(Duration.ofMillis(1_500));
        assertThat(policy.nextDelay(2, Duration.ofSeconds(119), 0.5)).isEmpty();
    }

    @Test
    void only429AndServerErrorsAreRetried() {
        assertThat(RetryPolicy.retryableStatus(429)).isTrue();
        assertThat(RetryPolicy.retryableStatus(500)).isTrue();
        assertThat(RetryPolicy.retryableStatus(503)).isTrue();
        assertThat(RetryPolicy.retryableStatus(400)).isFalse();
        assertThat(RetryPolicy.retryableStatus(401)).isFalse();
        assertThat(RetryPolicy.retryableStatus(404)).isFalse();
        assertThat(RetryPolicy.retryableStatus(301)).isFalse();
    }

    @Test
    void refusesAPolicyThatCouldNeverSend() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1))).hasMessageContaining("maxAttempts");
    }
}
