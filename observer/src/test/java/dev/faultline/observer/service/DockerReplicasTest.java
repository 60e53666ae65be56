package dev.faultline.observer.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.HealthStateLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerReplicasTest {

    /** Health log entries as the Engine API returns them (State.Health.Log), read by docker-java's own mapping. */
    static HealthStateLog entry(int exitCode, String end) throws Exception {
        return new ObjectMapper().readValue("{\"Start\":\"" + end + "\",\"End\":\"" + end + "\",\"ExitCode\":"
                + exitCode + ",\"Output\":\"\"}", HealthStateLog.class);
    }

    @Test
    void healthySinceIsTheFirstPassAfterTheLastFailure() throws Exception {
        List<HealthStateLog> log = List.of(entry(1, "2026-01-01T10:00:01.000000001Z"),
                entry(1, "2026-01-01T10:00:02.5Z"), entry(0, "2026-01-01T10:00:03.123456789Z"),
                entry(0, "2026-01-01T10:00:04Z"));
        assertThat(DockerReplicas.healthySince(log)).isEqualTo(Instant.parse("2026-01-01T10:00:03.123456789Z"));
    }

    @Test
    void unknownWhenTheLogNoLongerReachesTheStreaksStartOrEndsFailing() throws Exception {
        List<HealthStateLog> allPassing = new ArrayList<>();
        for (int i = 0; i < DockerReplicas.DOCKER_HEALTH_LOG_LENGTH; i++) {
            allPassing.add(entry(0, "2026-01-01T10:00:0" + i + "Z"));
        }
        assertThat(DockerReplicas.healthySince(allPassing)).isNull();
        assertThat(DockerReplicas.healthySince(List.of(entry(0, "2026-01-01T10:00:01Z"))))
                .isEqualTo(Instant.parse("2026-01-01T10:00:01Z"));
        assertThat(DockerReplicas.healthySince(List.of(entry(0, "2026-01-01T10:00:01Z"),
                entry(1, "2026-01-01T10:00:02Z")))).isNull();
        assertThat(DockerReplicas.healthySince(List.of())).isNull();
    }
}
