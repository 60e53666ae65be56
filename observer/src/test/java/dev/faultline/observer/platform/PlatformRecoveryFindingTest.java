package dev.faultline.observer.platform;

import static dev.faultline.observer.platform.PlatformTimesTest.T0;
import static dev.faultline.observer.platform.PlatformTimesTest.TARGET;
import static dev.faultline.observer.platform.PlatformTimesTest.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.verdict.RecoveryTimeline;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformRecoveryFindingTest {

    @Test
    void aServiceBackLongAfterItsContainerIsAFindingWithBothInstants() {
        RecoveryTimeline t = timeline("f0", 67_200L)
                .withPlatform(T0.plusMillis(3), T0.plusMillis(15_200), null);

        assertThat(PlatformRecoveryFinding.find(List.of(t))).singleElement().asString()
                .contains("probe health", "fault f0", TARGET.toString())
                .contains("running again at " + T0.plusMillis(15_200) + " (Docker start), 15.2 s after the injection")
                .contains("recovered only at " + T0.plusMillis(67_200) + ", 52.0 s later")
                .contains("the service's own recovery")
                .contains("evidence: the agent's target-state-changed events");
    }

    @Test
    void theHealthCheckInstantIsCitedWhenDockerHadOne() {
        RecoveryTimeline t = timeline("f0", 67_200L)
                .withPlatform(T0.plusMillis(3), T0.plusMillis(15_200), T0.plusMillis(18_000));

        assertThat(PlatformRecoveryFinding.find(List.of(t))).singleElement().asString()
                .contains("its Docker health check passed at " + T0.plusMillis(18_000));
    }

    @Test
    void aServiceBackSoonAfterItsContainerIsNoFinding() {
        // 4 s after the start: a normal start-up within the bound of 5 s
        RecoveryTimeline t = timeline("f0", 19_200L)
                .withPlatform(T0.plusMillis(3), T0.plusMillis(15_200), null);

        assertThat(PlatformRecoveryFinding.find(List.of(t))).isEmpty();
    }

    @Test
    void aContainerThatNeverRanAgainIsTheCauseOfANonRecovery() {
        RecoveryTimeline t = timeline("f0", null).withPlatform(T0.plusMillis(3), null, null);

        assertThat(PlatformRecoveryFinding.find(List.of(t))).singleElement().asString()
                .contains("did not recover", "Docker never reported the container running again",
                        "went down at " + T0.plusMillis(3));
    }

    @Test
    void withoutThePlatformsInstantsThereIsNothingToCompare() {
        assertThat(PlatformRecoveryFinding.find(List.of(timeline("f0", 67_200L)))).isEmpty();
    }
}
