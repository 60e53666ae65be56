package dev.faultline.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.TargetState;
import org.junit.jupiter.api.Test;

class DockerActionsTest {

    @Test
    void dieAndOomAreDownStartAndRestartAreUp() {
        assertThat(DockerActions.stateOf("die")).contains(TargetState.DOWN);
        assertThat(DockerActions.stateOf("oom")).contains(TargetState.DOWN);
        assertThat(DockerActions.stateOf("start")).contains(TargetState.UP);
        assertThat(DockerActions.stateOf("restart")).contains(TargetState.UP);
    }

    @Test
    void healthStatusIsReadFromDockersWording() {
        assertThat(DockerActions.stateOf("health_status: healthy")).contains(TargetState.HEALTHY);
        assertThat(DockerActions.stateOf("health_status: unhealthy")).contains(TargetState.UNHEALTHY);
    }

    @Test
    void aSignalOrAStopReportCarriesNoStateOfItsOwn() {
        // kill only sent a signal (a SIGTERM may be ignored); stop comes after the die that marks the instant.
        assertThat(DockerActions.stateOf("kill")).isEmpty();
        assertThat(DockerActions.stateOf("stop")).isEmpty();
        assertThat(DockerActions.stateOf("exec_start: sh")).isEmpty();
        assertThat(DockerActions.stateOf(null)).isEmpty();
    }
}
