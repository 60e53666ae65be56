package dev.faultline.examples.shop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderPlacedTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void totalMustBeTheSumOfTheLines() {
        List<OrderLine> lines = List.of(new OrderLine("p-1", 2, 150), new OrderLine("p-2", 1, 99));

        assertThat(new OrderPlaced("o-1", "k-1", "u-1", lines, 399, NOW).totalCents()).isEqualTo(399);
        assertThatThrownBy(() -> new OrderPlaced("o-1", "k-1", "u-1", lines, 400, NOW))
                .hasMessageContaining("totalCents");
    }

    @Test
    void refusesEmptyOrdersAndBadQuantities() {
        assertThatThrownBy(() -> new OrderPlaced("o-1", "k-1", "u-1", List.of(), 0, NOW)).hasMessageContaining("lines");
        assertThatThrownBy(() -> new OrderLine("p-1", 0, 10)).hasMessageContaining("quantity");
        assertThatThrownBy(() -> new OrderLine(" ", 1, 10)).hasMessageContaining("productId");
    }
}
