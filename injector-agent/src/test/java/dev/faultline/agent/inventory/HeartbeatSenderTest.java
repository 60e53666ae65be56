package dev.faultline.agent.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.testing.Commands;
import dev.faultline.agent.testing.FakeContainerRuntime;
import dev.faultline.agent.testing.MutableClock;
import dev.faultline.agent.testing.RecordingEventPublisher;
import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.target.ContainerInfo;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeartbeatSenderTest {

    private final FakeContainerRuntime runtime = new FakeContainerRuntime();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final MutableClock clock = new MutableClock(Commands.T0);
    private final HeartbeatSender sender =
            new HeartbeatSender("agent-a", "host-1", Duration.ofSeconds(2), runtime, events, clock);

    @Test
    void announcesTheOptedInContainersInEveryState() {
        runtime.add(FakeContainerRuntime.running("up", true));
        runtime.add(FakeContainerRuntime.exited("down", true));
        runtime.add(FakeContainerRuntime.running("private", false));

        assertThat(sender.beat()).isTrue();

        AgentHeartbeat beat = events.of(AgentHeartbeat.class).get(0);
        assertThat(beat.agentId()).isEqualTo("agent-a");
        assertThat(beat.key()).isEqualTo("agent-a");
        assertThat(beat.hostname()).isEqualTo("host-1");
        assertThat(beat.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(beat.timestamp()).isEqualTo(Commands.T0);
        assertThat(beat.inventory()).extracting(ContainerInfo::id).containsExactlyInAnyOrder("up", "down");
        assertThat(beat.inventory()).allSatisfy(c -> assertThat(c.labels()).containsEntry("faultline.enabled", "true"));
    }

    @Test
    void sendsNothingWhileDockerDoesNotAnswer() {
        runtime.makeUnreachable("connection refused");

        assertThat(sender.beat()).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(sender.beat()).isFalse();

        assertThat(events.events()).isEmpty();
    }
}
