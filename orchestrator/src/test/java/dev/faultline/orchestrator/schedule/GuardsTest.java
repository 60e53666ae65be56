package dev.faultline.orchestrator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.validation.Violation;
import dev.faultline.orchestrator.run.RunPlanner;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuardsTest {

    static final HaltLatch HALT = new HaltLatch("otto", "game day over", Instant.parse("2026-12-02T14:00:00Z"));

    @Test
    void aHaltComesFirstAndSaysHowToResume() {
        Optional<Skip> skip = Guards.beforePrecheck(Optional.of(HALT), Optional.of("run-1"));

        assertThat(skip).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo(SkipReason.HALTED);
            assertThat(s.text()).contains("otto", "game day over", "POST /api/v1/resume");
        });
    }

    @Test
    void aRunStillActiveIsSkippedWithItsId() {
        assertThat(Guards.beforePrecheck(Optional.empty(), Optional.of("run-7"))).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo(SkipReason.RUN_STILL_ACTIVE);
            assertThat(s.text()).contains("run-7");
        });
        assertThat(Guards.beforePrecheck(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void targetsThatMatchNoRunningContainerMeanTheTargetIsAlreadyDown() {
        Skip skip = Guards.fromRefusal(new RunPlanner.UnresolvableTargetsException(List.of(new Violation(
                "faults[0].target.selector", "matches no running opted-in container"))));

        assertThat(skip.reason()).isEqualTo(SkipReason.TARGET_DOWN);
        assertThat(skip.reason().code()).isEqualTo("target-down");
        assertThat(skip.text()).startsWith("target already down: faults[0].target.selector: matches no running");
    }

    @Test
    void otherRefusalsMakeTheRunNotStartable() {
        Skip skip = Guards.fromRefusal(new IllegalStateException("broker away"));

        assertThat(skip.reason()).isEqualTo(SkipReason.NOT_STARTABLE);
        assertThat(skip.text()).contains("broker away");
        assertThat(Guards.probeFailing("health", "GET http://x answered 503").text())
                .isEqualTo("steady state already failing: probe health: GET http://x answered 503");
    }
}
