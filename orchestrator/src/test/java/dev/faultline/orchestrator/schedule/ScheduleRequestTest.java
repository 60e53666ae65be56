package dev.faultline.orchestrator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.faultline.common.experiment.ExperimentParser;
import dev.faultline.common.validation.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleRequestTest {

    static final Instant NOW = Instant.parse("2026-12-02T14:00:00Z");
    static final String EXPERIMENT = """
            name: scheduled-kill
            duration: 5s
            steadyState:
              warmup: 0s
              probes:
                - name: health
                  url: http://127.0.0.1:9/health
            faults:
              - target:
                  selector: {name: web}
                fault:
                  type: container-kill
            """;

    @Test
    void aValidRequestKeepsTheDocumentWithItsHashAndTheTiming() {
        Schedule schedule = new ScheduleRequest(TextNode.valueOf(EXPERIMENT), " 0/20 * * * * ? ", "Europe/Paris",
                List.of(new AllowedWindow("mon-fri", "09:00", "17:00")), "10m", "1m")
                .toSchedule("sch-1", NOW, "otto");

        assertThat(schedule.experimentName()).isEqualTo("scheduled-kill");
        assertThat(schedule.experimentDocument()).isEqualTo(EXPERIMENT);
        assertThat(schedule.experimentFormat()).isEqualTo(ExperimentParser.Format.YAML);
        assertThat(schedule.experimentSha256()).hasSize(64).isEqualTo(ScheduleRequest.sha256(EXPERIMENT));
        assertThat(schedule.timing()).isEqualTo(new Timing("0/20 * * * * ?", "Europe/Paris",
                List.of(new AllowedWindow("MON-FRI", "09:00", "17:00")), Duration.ofMinutes(10),
                Duration.ofMinutes(1)));
        assertThat(schedule.createdBy()).isEqualTo("otto");
    }

    @Test
    void everyBadFieldIsNamed() {
        ScheduleRequest bad = new ScheduleRequest(TextNode.valueOf(EXPERIMENT.replace("container-kill", "gremlin")),
                "every minute", "Mars/Olympus", List.of(new AllowedWindow("MON-FUN", "9h", "17:00"),
                        new AllowedWindow("SAT", "18:00", "08:00")), "-5m", "soon");

        assertThatThrownBy(() -> bad.toSchedule("sch-1", NOW, "otto"))
                .isInstanceOfSatisfying(ScheduleRequest.InvalidScheduleException.class, e -> assertThat(
                        e.violations().stream().map(Violation::field)).containsExactlyInAnyOrder(
                                "experiment.faults[0].fault.type", "cron", "zone", "windows[0].days",
                                "windows[0].from", "windows[1].to", "randomOffset", "announceAhead"));
    }

    @Test
    void theKindsOfAlertAreKeptOrLeftToTheReporter() {
        Schedule chosen = new ScheduleRequest(TextNode.valueOf(EXPERIMENT), "0 * * * * ?", null, null, null, null,
                List.of("abort", "skipped")).toSchedule("sch-1", NOW, "otto");
        Schedule defaults = new ScheduleRequest(TextNode.valueOf(EXPERIMENT), "0 * * * * ?", null, null, null, null)
                .toSchedule("sch-2", NOW, "otto");
        Schedule none = new ScheduleRequest(TextNode.valueOf(EXPERIMENT), "0 * * * * ?", null, null, null, null,
                List.of()).toSchedule("sch-3", NOW, "otto");

        assertThat(chosen.alertOn()).containsExactly("abort", "skipped");
        assertThat(defaults.alertOn()).isNull();
        assertThat(none.alertOn()).isEmpty();
    }

    @Test
    void anUnknownKindOfAlertIsNamed() {
        ScheduleRequest typo = ScheduleRequest.read("{\"experiment\":" + TextNode.valueOf(EXPERIMENT)
                + ",\"cron\":\"0 * * * * ?\",\"alertOn\":[\"fail\",\"aborted\"]}");

        assertThatThrownBy(() -> typo.toSchedule("sch-1", NOW, "otto"))
                .isInstanceOfSatisfying(ScheduleRequest.InvalidScheduleException.class, e -> assertThat(
                        e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("alertOn");
                            assertThat(v.message()).contains("'aborted'").contains("fail, abort, halt, skipped");
                        }));
    }

    @Test
    void aScheduleThatNeverFallsDueIsRefused() {
        ScheduleRequest never = new ScheduleRequest(TextNode.valueOf(EXPERIMENT), "0 0 12 ? * *", null,
                List.of(new AllowedWindow(null, "09:00", "10:00")), null, null);

        assertThatThrownBy(() -> never.toSchedule("sch-1", NOW, "otto"))
                .isInstanceOfSatisfying(ScheduleRequest.InvalidScheduleException.class, e -> assertThat(
                        e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("windows");
                            assertThat(v.message()).contains("never falls due");
                        }));
    }

    @Test
    void anAbsentExperimentIsNamed() {
        assertThatThrownBy(() -> new ScheduleRequest(null, "0 * * * * ?", "UTC", null, null, null)
                .toSchedule("sch-1", NOW, "otto"))
                .isInstanceOfSatisfying(ScheduleRequest.InvalidScheduleException.class, e -> assertThat(
                        e.violations()).extracting(Violation::field).containsExactly("experiment"));
    }
}
