package dev.faultline.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.fault.ContainerPause;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.ProbeStatus;
import dev.faultline.common.verdict.RunProgress;
import dev.faultline.common.verdict.SloBreached;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What of a run's view is stored (as the DynamoDB store's entry JSON) and what an older entry reads as. */
class StoredRunViewTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final TargetRef WEB = new TargetRef("agent-1", "c1", "web");

    @Test
    void revertsAndBreachesAreStoredTheProgressAndALivePhaseAreNot() throws Exception {
        Run run = run();
        FaultReverted reverted = FaultReverted.of(run.id(), "f-pause", "container-pause", WEB, T0.plusSeconds(8),
                "duration-ended", T0.plusSeconds(8));
        SloBreached breach = SloBreached.of(run.id(), "min-availability", "percent", 99, 80, "too many failures",
                false, T0.plusSeconds(7));
        assertThat(run.view(T0.plusSeconds(9)).phase()).isEqualTo(RunPhase.FAULTS);
        run.faultReverted(reverted);
        run.breached(breach);
        run.progressed(RunProgress.of(run.id(), List.of(new ProbeStatus("health", "ok", T0.plusSeconds(9), 10, 0,
                100.0, 200, null)), T0.plusSeconds(9)));

        RunView restored = readBack(ChaosJson.write(new DynamoDbRunStore.Entry(run.experiment(), run.view())));

        assertThat(restored.reverted()).containsExactly(reverted);
        assertThat(restored.breaches()).containsExactly(breach);
        assertThat(restored.progress()).as("replaced every second: kept in memory only").isNull();
        assertThat(restored.phase()).as("a running run's phase moves with the clock").isNull();
        assertThat(run.view(T0.plusSeconds(6)).phase()).isEqualTo(RunPhase.FAULTS);
        assertThat(run.view(T0.plusSeconds(9)).phase()).as("reverted at 8 s, before its planned end")
                .isEqualTo(RunPhase.OBSERVING);
        assertThat(run.view(T0.plusSeconds(9)).progress().probes()).extracting(ProbeStatus::samples)
                .containsExactly(10);
    }

    @Test
    void aRedeliveredBreachIsRecordedOnce() {
        Run run = run();
        SloBreached breach = SloBreached.of(run.id(), "min-availability", "percent", 99, 80, "too many failures",
                false, T0.plusSeconds(7));

        assertThat(run.breached(breach)).isTrue();
        assertThat(run.breached(breach)).isFalse();
        assertThat(run.view().breaches()).hasSize(1);
    }

    @Test
    void anEntryWrittenBeforeTheLiveFieldsReadsThemAsEmpty() throws Exception {
        Run run = run();
        ObjectNode entry = (ObjectNode) ChaosJson.messages().readTree(
                ChaosJson.write(new DynamoDbRunStore.Entry(run.experiment(), run.view())));
        ((ObjectNode) entry.get("view")).remove(List.of("phase", "reverted", "breaches", "progress"));

        RunView restored = readBack(entry.toString());

        assertThat(restored.reverted()).isEmpty();
        assertThat(restored.breaches()).isEmpty();
        assertThat(restored.phase()).isNull();
        assertThat(restored.progress()).isNull();
        assertThat(RunPhase.of(restored, T0.plusSeconds(1))).isEqualTo(RunPhase.WARM_UP);
    }

    private static RunView readBack(String json) throws Exception {
        return ChaosJson.read(json, DynamoDbRunStore.Entry.class).toRun().view();
    }

    private static Run run() {
        return new Run("run-1", RunCoordinatorTest.experiment(false),
                List.of(new PlannedFault("f-pause", WEB, new ContainerPause(), Duration.ofSeconds(10))), T0,
                T0.plusSeconds(5), T0.plusSeconds(35));
    }
}
