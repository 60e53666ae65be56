package dev.faultline.common.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageDeduplicatorTest {

    @Test
    void remembersIdsUpToItsCapacityThenForgetsTheOldest() {
        MessageDeduplicator ids = new MessageDeduplicator(3);

        assertThat(ids.firstSeen("a")).isTrue();
        assertThat(ids.firstSeen("a")).isFalse();
        ids.firstSeen("b");
        ids.firstSeen("c");
        ids.firstSeen("d");

        assertThat(ids.size()).isEqualTo(3);
        assertThat(ids.firstSeen("d")).isFalse();
        assertThat(ids.firstSeen("a")).as("forgotten, so seen as new").isTrue();
    }
}
