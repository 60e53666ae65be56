package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExitCodeTest {

    @Test
    void refusalsAreInvalidAndServerFailuresUnreachable() {
        assertThat(ExitCode.forHttpStatus(400)).isEqualTo(ExitCode.INVALID);
        assertThat(ExitCode.forHttpStatus(401)).isEqualTo(ExitCode.INVALID);
        assertThat(ExitCode.forHttpStatus(404)).isEqualTo(ExitCode.INVALID);
        assertThat(ExitCode.forHttpStatus(409)).isEqualTo(ExitCode.INVALID);
        assertThat(ExitCode.forHttpStatus(422)).isEqualTo(ExitCode.INVALID);
        assertThat(ExitCode.forHttpStatus(500)).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(ExitCode.forHttpStatus(503)).isEqualTo(ExitCode.UNREACHABLE);
        assertThatThrownBy(() -> ExitCode.forHttpStatus(200)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCodesAreDistinct() {
        assertThat(java.util.Set.of(ExitCode.PASS, ExitCode.FAIL, ExitCode.INVALID, ExitCode.ABORTED,
                ExitCode.UNREACHABLE, ExitCode.INTERNAL)).hasSize(6);
        assertThat(ExitCode.PASS).isZero();
        assertThat(ExitCode.FAIL).isEqualTo(1);
        assertThat(ExitCode.ABORTED).isEqualTo(3);
    }
}
