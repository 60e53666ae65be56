package dev.faultline.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.validation.DurationText;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void parsesShortAndIsoForms() {
        assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("-5s")).isEqualTo(Duration.ofSeconds(-5));
        assertThat(DurationText.parse("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void formatsInTheShortestExactUnit() {
        assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationText.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0ms");
    }

    @Test
    void rejectsGarbageWithAnExample() {
        assertThatThrownBy(() -> DurationText.parse("soon")).hasMessageContaining("write for example 250ms");
    }
}
