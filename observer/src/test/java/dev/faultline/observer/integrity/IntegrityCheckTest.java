package dev.faultline.observer.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.IntegrityReport;
import dev.faultline.common.verdict.SloStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class IntegrityCheckTest {

    private final Random random = new Random();

    @RepeatedTest(50)
    void aPlantedLossIsReportedMissingEveryTime() {
        List<String> acked = IntStream.range(0, 200).mapToObj(i -> "order-" + i).toList();
        Set<String> table = new HashSet<>(acked);
        Map<String, Integer> events = new HashMap<>();
        acked.forEach(id -> events.put(id, 1));
        // acknowledged, then dropped: from the table, and a different one from the topic
        List<String> shuffled = new java.util.ArrayList<>(acked);
        java.util.Collections.shuffle(shuffled, random);
        String lostWrite = shuffled.get(0);
        String lostEvent = shuffled.get(1);
        String duplicate = shuffled.get(2);
        table.remove(lostWrite);
        events.remove(lostEvent);
        events.merge(duplicate, 1, Integer::sum);

        IntegrityReport report = IntegrityCheck.compare(acked, table, events, "test");

        assertThat(report.acknowledged()).isEqualTo(200);
        assertThat(report.missingInTable()).containsExactly(lostWrite);
        assertThat(report.missingInTopic()).containsExactly(lostEvent);
        assertThat(report.duplicatedInTopic()).containsExactly(duplicate);
        assertThat(report.rpoZero()).isFalse();
        CheckResult result = IntegrityCheck.result(report);
        assertThat(result.status()).isEqualTo(SloStatus.FAIL);
        assertThat(result.detail()).contains(lostWrite).contains("RPO > 0");
    }

    @Test
    void nothingLostIsRpoZero() {
        List<String> acked = List.of("a", "b", "a");
        IntegrityReport report = IntegrityCheck.compare(acked, Set.of("a", "b", "c"), Map.of("a", 1, "b", 1), "m");
        assertThat(report.acknowledged()).isEqualTo(2);
        assertThat(report.rpoZero()).isTrue();
        assertThat(IntegrityCheck.result(report).status()).isEqualTo(SloStatus.PASS);
    }

    @Test
    void noReportIsNoData() {
        assertThat(IntegrityCheck.result(null).status()).isEqualTo(SloStatus.NO_DATA);
    }

    @Test
    void aFailedReadBackSaysWhyInTheCheckItself() {
        CheckResult result = IntegrityCheck.result(null, "table shop.orders at jdbc:postgresql://h/db could not be"
                + " read back: ERROR: relation \"shop.orders\" does not exist", false);
        assertThat(result.status()).isEqualTo(SloStatus.NO_DATA);
        assertThat(result.detail()).contains("relation \"shop.orders\" does not exist");
    }

    @Test
    void aChangedIdIsALossWithoutATopic() {
        StoreContents stored = new StoreContents(Set.of("a", "b"), Map.of("b", "field sku expected \"x\", found \"y\""));
        IntegrityReport report = IntegrityCheck.compare(List.of("a", "b", "c"), stored, null, "m");
        assertThat(report.missingInTable()).containsExactly("c");
        assertThat(report.changed()).containsExactly("b");
        assertThat(report.changes()).containsExactly("b: field sku expected \"x\", found \"y\"");
        assertThat(report.missingInTopic()).isEmpty();
        assertThat(report.rpoZero()).isFalse();

        IntegrityReport onlyChanged = IntegrityCheck.compare(List.of("a", "b"), stored, null, "m");
        assertThat(onlyChanged.rpoZero()).isFalse();
        assertThat(IntegrityCheck.result(onlyChanged).status()).isEqualTo(SloStatus.FAIL);
        assertThat(IntegrityCheck.result(onlyChanged, null, false).detail()).doesNotContain("topic");
        assertThat(IntegrityCheck.result(onlyChanged, null, true).detail()).contains("missing on topic: none");
    }
}
