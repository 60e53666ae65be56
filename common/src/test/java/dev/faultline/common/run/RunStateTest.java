package dev.faultline.common.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunStateTest {

    @Test
    void aRunStartsRunningAndEndsCompletedOrAborted() {
        assertThat(RunState.initial()).isEqualTo(RunState.RUNNING);
        assertThat(RunState.RUNNING.next()).containsExactlyInAnyOrder(RunState.FINISHED, RunState.COMPLETED,
                RunState.ABORTED);
        assertThat(RunState.FINISHED.next()).containsExactlyInAnyOrder(RunState.COMPLETED, RunState.ABORTED);
        assertThat(RunState.COMPLETED.terminal()).isTrue();
        assertThat(RunState.ABORTED.terminal()).isTrue();
        assertThat(RunState.RUNNING.terminal()).isFalse();
        assertThat(RunState.FINISHED.terminal()).isFalse();
    }

    @Test
    void anEndedRunNeverMovesAndNoRunGoesBack() {
        for (RunState ended : new RunState[] {RunState.COMPLETED, RunState.ABORTED}) {
            for (RunState any : RunState.values()) {
                assertThat(ended.canMoveTo(any)).as(ended + " -> " + any).isFalse();
            }
        }
        assertThat(RunState.FINISHED.canMoveTo(RunState.RUNNING)).isFalse();
        assertThat(RunState.RUNNING.canMoveTo(RunState.RUNNING)).isFalse();
    }

    @Test
    void aRefusedMoveSaysWhy() {
        assertThat(RunState.RUNNING.refusal(RunState.FINISHED)).isEmpty();
        assertThat(RunState.COMPLETED.refusal(RunState.ABORTED))
                .contains("the run has ended COMPLETED; it cannot become ABORTED");
        assertThat(RunState.FINISHED.refusal(RunState.RUNNING)).contains("a FINISHED run cannot go back to RUNNING");
        assertThat(RunState.ABORTED.refusal(RunState.ABORTED)).contains("the run is ABORTED already");
    }

    @Test
    void allowedFromIsTheInverseOfNext() {
        assertThat(RunState.RUNNING.allowedFrom()).isEmpty();
        assertThat(RunState.FINISHED.allowedFrom()).containsExactly(RunState.RUNNING);
        assertThat(RunState.COMPLETED.allowedFrom()).containsExactly(RunState.RUNNING, RunState.FINISHED);
        assertThat(RunState.ABORTED.allowedFrom()).containsExactly(RunState.RUNNING, RunState.FINISHED);
    }
}
