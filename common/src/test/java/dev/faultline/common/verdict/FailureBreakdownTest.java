package dev.faultline.common.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.json.ChaosJson;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureBreakdownTest {

    @Test
    void countsAFailureByItsKindWhenItHasOneElseByItsStatus() {
        FailureBreakdown breakdown = new FailureBreakdown.Tally()
                .add(405, null).add(405, null).add(503, null)
                .add(null, FailureKind.TIMEOUT)
                .add(200, FailureKind.BODY)
                .breakdown();
        assertThat(breakdown.byStatus()).containsExactly(Map.entry(405, 2L), Map.entry(503, 1L));
        assertThat(breakdown.byKind())
                .containsOnly(Map.entry(FailureKind.TIMEOUT, 1L), Map.entry(FailureKind.BODY, 1L));
        assertThat(breakdown.total()).isEqualTo(5);
        assertThat(breakdown.describe()).isEqualTo("405 ×2, 503 ×1, timeout ×1, body ×1");
        assertThat(FailureBreakdown.NONE.describe()).isEqualTo("none");
    }

    @Test
    void readsBackFromJsonWithStatusesAndKindsAsKeys() throws Exception {
        FailureBreakdown breakdown = new FailureBreakdown(Map.of(405, 66L), Map.of(FailureKind.TIMEOUT, 24L));
        String json = ChaosJson.messages().writeValueAsString(breakdown);
        assertThat(json).isEqualTo("{\"byStatus\":{\"405\":66},\"byKind\":{\"timeout\":24}}");
        assertThat(ChaosJson.messages().readValue(json, FailureBreakdown.class)).isEqualTo(breakdown);
    }

    @Test
    void aBreakdownMustAddUpToTheFailuresItExplains() {
        FailureBreakdown two = new FailureBreakdown(Map.of(500, 2L), Map.of());
        assertThatThrownBy(() -> new LoadSecond(Instant.EPOCH, 10, 3, null, null, two))
                .hasMessageContaining("failures: must add up to errors");
        assertThatThrownBy(() -> new LoadRoute("GET /orders", 10, 3, 30, null, null, null, Map.of(), two))
                .hasMessageContaining("failures: must add up to errors");
        assertThatThrownBy(() -> new FailureBreakdown(Map.of(500, 0L), Map.of()))
                .hasMessageContaining("must be positive");
    }

    @Test
    void aSummaryWrittenBeforeBreakdownsExistedStillReads() throws Exception {
        String old = "{\"requests\":10,\"errors\":1,\"errorRatePercent\":10.0,\"latencyResolutionMillis\":1,"
                + "\"perSecond\":[{\"second\":\"2026-11-27T10:00:00Z\",\"requests\":10,\"errors\":1}],"
                + "\"method\":\"m\"}";
        LoadSummary summary = ChaosJson.messages().readValue(old, LoadSummary.class);
        assertThat(summary.failures()).isNull();
        assertThat(summary.routes()).isEmpty();
        assertThat(summary.perSecond()).extracting(LoadSecond::failures).containsExactly((FailureBreakdown) null);
    }
}
