package dev.faultline.examples.shop.checkout.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LastKnownTest {

    @Test
    void remembersTheLatestValueAndStaysWithinItsCapacity() {
        LastKnown<String> lastKnown = new LastKnown<>(2);
        lastKnown.remember("a", "1");
        lastKnown.remember("a", "2");
        lastKnown.remember("b", "3");
        lastKnown.remember("c", "4");

        assertThat(lastKnown.get("a")).contains("2");
        assertThat(lastKnown.get("b")).contains("3");
        assertThat(lastKnown.get("c")).as("beyond capacity").isEmpty();
    }
}
