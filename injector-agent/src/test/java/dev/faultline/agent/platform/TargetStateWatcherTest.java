package dev.faultline.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.runtime.docker.ContainerEvent;
import dev.faultline.agent.runtime.docker.ContainerEvents;
import dev.faultline.agent.testing.RecordingEventPublisher;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.event.TargetState;
import dev.faultline.common.event.TargetStateChanged;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.target.TargetRef;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TargetStateWatcherTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final TargetRef TARGET = new TargetRef("agent-1", "c0ffee", "shop-product-1");

    private final FollowingEngine engine = new FollowingEngine();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final TargetStateWatcher watcher = new TargetStateWatcher(engine, events, Duration.ofSeconds(120),
            Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));

    @Test
    void aPlainContainerIsFollowedByItsIdFromTheApplyUntilTheWindowAfterTheFault() {
        watcher.watch(kill(Duration.ofSeconds(30)), Map.of("faultline.enabled", "true"), T0);

        assertThat(engine.containerId).isEqualTo("c0ffee");
        assertThat(engine.labels).isEmpty();
        assertThat(engine.since).isEqualTo(T0);
        assertThat(engine.until).isEqualTo(T0.plusSeconds(150));
    }

    @Test
    void aComposeServiceIsFollowedByItsLabelsSoAReplacementIsReportedUnderItsOwnId() {
        watcher.watch(kill(Duration.ZERO), Map.of("com.docker.compose.project", "shop",
                "com.docker.compose.service", "product", "faultline.enabled", "true"), T0);
        assertThat(engine.containerId).isNull();
        assertThat(engine.labels).containsOnly(Map.entry("com.docker.compose.project", "shop"),
                Map.entry("com.docker.compose.service", "product"));

        engine.emit(new ContainerEvent("c0ffee", "shop-product-1", "die", T0.plusMillis(3), Map.of()));
        engine.emit(new ContainerEvent("beef01", "shop-product-2", "start", T0.plusMillis(15_200), Map.of()));

        assertThat(events.of(TargetStateChanged.class)).satisfiesExactly(
                down -> {
                    assertThat(down.state()).isEqualTo(TargetState.DOWN);
                    assertThat(down.target()).isEqualTo(TARGET);
                    assertThat(down.at()).isEqualTo(T0.plusMillis(3));
                    assertThat(down.dockerAction()).isEqualTo("die");
                    assertThat(down.faultId()).isEqualTo("run-1-f0");
                    assertThat(down.runId()).isEqualTo("run-1");
                },
                up -> {
                    assertThat(up.state()).isEqualTo(TargetState.UP);
                    assertThat(up.target()).isEqualTo(new TargetRef("agent-1", "beef01", "shop-product-2"));
                    assertThat(up.at()).isEqualTo(T0.plusMillis(15_200));
                });
    }

    @Test
    void actionsWithoutAStateAreNotReported() {
        watcher.watch(kill(Duration.ZERO), Map.of(), T0);
        engine.emit(new ContainerEvent("c0ffee", "shop-product-1", "kill", T0, Map.of("signal", "9")));
        engine.emit(new ContainerEvent("c0ffee", "shop-product-1", "stop", T0, Map.of()));

        assertThat(events.events()).isEmpty();
    }

    @Test
    void anEngineThatCannotBeFollowedLeavesTheFaultAlone() {
        ContainerEvents broken = (id, labels, since, until, onEvent) -> {
            throw new IllegalStateException("engine gone");
        };
        new TargetStateWatcher(broken, events, Duration.ofSeconds(120), Clock.systemUTC())
                .watch(kill(Duration.ZERO), Map.of(), T0);

        assertThat(events.events()).isEmpty();
    }

    private static InjectFault kill(Duration duration) {
        return InjectFault.of("run-1", "run-1-f0", TARGET, ContainerKill.sigkill(), duration, T0);
    }

    /** Remembers what it was asked to follow and lets the test play the engine's events. */
    private static final class FollowingEngine implements ContainerEvents {
        String containerId;
        Map<String, String> labels;
        Instant since;
        Instant until;
        Consumer<ContainerEvent> onEvent;

        @Override
        public Closeable follow(String containerId, Map<String, String> labels, Instant since, Instant until,
                Consumer<ContainerEvent> onEvent) {
            this.containerId = containerId;
            this.labels = labels;
            this.since = since;
            this.until = until;
            this.onEvent = onEvent;
            return () -> { };
        }

        void emit(ContainerEvent event) {
            onEvent.accept(event);
        }
    }
}
