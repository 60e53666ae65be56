package dev.faultline.orchestrator.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.orchestrator.testing.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The orchestrator's estimate of an agent's clock offset, from the heartbeats' own timestamps. */
class AgentClockOffsetTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final ManualTime time = new ManualTime(T0);
    private final AgentDirectory directory = new AgentDirectory(time);

    @Test
    void theEstimateIsTheQuickestHeartbeatsDifferenceOfClocks() {
        // The agent's clock runs 200 ms ahead; its heartbeats take 30, 5 and 12 ms to arrive.
        heartbeatAfterTransit(Duration.ofMillis(30), 200);
        heartbeatAfterTransit(Duration.ofMillis(5), 200);
        heartbeatAfterTransit(Duration.ofMillis(12), 200);

        assertThat(directory.clockOffsetMillis("agent-1")).contains(195L);
    }

    @Test
    void aClockBehindIsNegativeAndOldSamplesAgeOut() {
        heartbeatAfterTransit(Duration.ofMillis(1), 500); // before the agent's clock was corrected
        for (int i = 0; i < AgentDirectory.OFFSET_SAMPLES; i++) {
            heartbeatAfterTransit(Duration.ofMillis(10), -80);
        }

        assertThat(directory.clockOffsetMillis("agent-1")).contains(-90L);
        assertThat(directory.clockOffsetMillis("agent-2")).isEmpty();
    }

    /** A heartbeat stamped by an agent whose clock is {@code offsetMillis} ahead, received {@code transit} later. */
    private void heartbeatAfterTransit(Duration transit, long offsetMillis) {
        time.advance(Duration.ofSeconds(2));
        Instant sentOrchestratorClock = time.instant();
        time.advance(transit);
        directory.record(AgentHeartbeat.of("agent-1", "host-1", Duration.ofSeconds(2), List.of(),
                sentOrchestratorClock.plusMillis(offsetMillis)));
    }
}
