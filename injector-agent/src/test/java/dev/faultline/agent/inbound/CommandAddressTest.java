package dev.faultline.agent.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.topic.Topics;
import org.junit.jupiter.api.Test;

class CommandAddressTest {

    @Test
    void onlyRecordsKeyedForAnotherAgentAreSkippedBeforeTheirSignatureIsChecked() {
        assertThat(CommandConsumer.addressedElsewhere("agent-b", "agent-a")).isTrue();
        assertThat(CommandConsumer.addressedElsewhere("agent-a", "agent-a")).isFalse();
        assertThat(CommandConsumer.addressedElsewhere(Topics.BROADCAST_KEY, "agent-a")).as("halt, lease renewals")
                .isFalse();
        assertThat(CommandConsumer.addressedElsewhere(null, "agent-a")).as("an unkeyed record is verified and judged")
                .isFalse();
    }
}
