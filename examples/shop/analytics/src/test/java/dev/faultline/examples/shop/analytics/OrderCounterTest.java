package dev.faultline.examples.shop.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.examples.shop.events.OrderLine;
import dev.faultline.examples.shop.events.OrderPlaced;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderCounterTest {

    private static OrderPlaced order(String id, int quantity) {
        return new OrderPlaced(id, "key-" + id, "u-1", List.of(new OrderLine("p-1", quantity, 250)),
                250L * quantity, Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void countsEachOrderOnceAndTheRedeliveriesAsDuplicates() {
        OrderCounter counter = new OrderCounter();

        assertThat(counter.count(order("o-1", 2))).isTrue();
        assertThat(counter.count(order("o-2", 1))).isTrue();
        assertThat(counter.count(order("o-1", 2))).isFalse();

        OrderCounter.Counts counts = counter.counts();
        assertThat(counts.orders()).isEqualTo(2);
        assertThat(counts.duplicatesIgnored()).isEqualTo(1);
        assertThat(counts.revenueCents()).isEqualTo(750);
        assertThat(counts.unitsByProduct()).isEqualTo(Map.of("p-1", 3L));
    }
}
