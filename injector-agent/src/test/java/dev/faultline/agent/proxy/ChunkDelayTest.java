package dev.faultline.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkDelayTest {

    private static final long MS = 1_000_000;

    @Test
    void withoutJitterEveryChunkWaitsExactlyTheDelay() {
        ChunkDelay delay = new ChunkDelay(Duration.ofMillis(200), Duration.ZERO, new Random(1));
        assertThat(delay.releaseAt(1000 * MS, Long.MIN_VALUE)).isEqualTo(1200 * MS);
        assertThat(delay.releaseAt(1005 * MS, 1200 * MS)).isEqualTo(1205 * MS);
    }

    @Test
    void jitterStaysWithinBoundsAndSpreadsBothWays() {
        ChunkDelay delay = new ChunkDelay(Duration.ofMillis(100), Duration.ofMillis(20), new Random(7));
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 2000; i++) {
            long wait = delay.releaseAt(0, Long.MIN_VALUE);
            min = Math.min(min, wait);
            max = Math.max(max, wait);
        }
        assertThat(min).isBetween(80 * MS, 85 * MS);
        assertThat(max).isBetween(115 * MS, 120 * MS);
    }

    @Test
    void aChunkNeverOvertakesTheOneBeforeIt() {
        ChunkDelay delay = new ChunkDelay(Duration.ofMillis(100), Duration.ofMillis(100), new Random(3));
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 500; i++) {
            long release = delay.releaseAt(i * MS, previous);
            assertThat(release).isGreaterThanOrEqualTo(previous).isGreaterThanOrEqualTo(i * MS);
            previous = release;
        }
    }

    @Test
    void refusesJitterAboveTheDelay() {
        assertThatThrownBy(() -> new ChunkDelay(Duration.ofMillis(10), Duration.ofMillis(11), new Random()))
                .hasMessageContaining("jitter");
    }
}
