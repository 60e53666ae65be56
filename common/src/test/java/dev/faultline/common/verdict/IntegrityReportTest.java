package dev.faultline.common.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.json.ChaosJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntegrityReportTest {

    @Test
    void aReportWrittenBeforeChangedIdsExistedReadsWithNone() throws Exception {
        String old = "{\"acknowledged\":2,\"missingInTable\":[],\"missingInTopic\":[],\"duplicatedInTopic\":[],"
                + "\"rpoZero\":true,\"method\":\"m\"}";
        IntegrityReport report = ChaosJson.messages().readValue(old, IntegrityReport.class);
        assertThat(report.changed()).isEmpty();
        assertThat(report.changes()).isEmpty();
        assertThat(report).isEqualTo(new IntegrityReport(2, List.of(), List.of(), List.of(), true, "m"));
    }

    @Test
    void changedIdsRoundTripAndAreNoRpoZero() throws Exception {
        IntegrityReport report = new IntegrityReport(3, List.of("4"), List.of(), List.of(), false, "m", List.of("1"),
                List.of("1: field sku expected \"a\", found \"b\""));
        String json = ChaosJson.messages().writeValueAsString(report);
        assertThat(ChaosJson.messages().readValue(json, IntegrityReport.class)).isEqualTo(report);
        assertThatThrownBy(() -> new IntegrityReport(3, List.of(), List.of(), List.of(), true, "m", List.of("1"), null))
                .hasMessageContaining("rpoZero");
    }
}
