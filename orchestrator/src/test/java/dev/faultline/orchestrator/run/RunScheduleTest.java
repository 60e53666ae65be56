package dev.faultline.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.fault.ContainerPause;
import dev.faultline.common.target.TargetRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunScheduleTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final TargetRef WEB = new TargetRef("agent-1", "c1", "web");

    @Test
    void wavesByOffsetAfterTheWarmUpThenTheCloseOfTheWindow() {
        Run run = run(fault("f-late", 4), fault("f-a", 0), fault("f-b", 0));

        List<RunSchedule.Step> steps = RunSchedule.of(run);

        assertThat(steps).containsExactly(
                new RunSchedule.InjectWave(T0.plusSeconds(5), List.of(fault("f-a", 0), fault("f-b", 0))),
                new RunSchedule.InjectWave(T0.plusSeconds(9), List.of(fault("f-late", 4))),
                new RunSchedule.CloseWindow(T0.plusSeconds(15)));
    }

    @Test
    void aWaveDueAfterTheWindowComesAfterItsClose() {
        Run run = run(fault("f-a", 0), fault("f-after", 12));

        assertThat(RunSchedule.of(run)).extracting(RunSchedule.Step::at)
                .containsExactly(T0.plusSeconds(5), T0.plusSeconds(15), T0.plusSeconds(17));
    }

    private static Run run(PlannedFault... plan) {
        return new Run("run-1", RunCoordinatorTest.experiment(false), List.of(plan), T0, T0.plusSeconds(5),
                T0.plusSeconds(15));
    }

    private static PlannedFault fault(String id, int startAfterSeconds) {
        return new PlannedFault(id, WEB, new ContainerPause(), Duration.ofSeconds(5),
                Duration.ofSeconds(startAfterSeconds));
    }
}
