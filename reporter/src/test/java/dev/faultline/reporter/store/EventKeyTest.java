package dev.faultline.reporter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventKeyTest {

    @Test
    void stringOrderIsTimeOrderEvenAcrossWholeSeconds() {
        String whole = EventKey.of(Instant.parse("2024-05-01T10:00:05Z"), "b");
        String half = EventKey.of(Instant.parse("2024-05-01T10:00:05.500Z"), "a");
        String nanos = EventKey.of(Instant.parse("2024-05-01T10:00:05.000000001Z"), "c");

        assertThat(whole).isEqualTo("2024-05-01T10:00:05.000000000Z#b");
        assertThat(whole).isLessThan(nanos);
        assertThat(nanos).isLessThan(half);
    }
}
