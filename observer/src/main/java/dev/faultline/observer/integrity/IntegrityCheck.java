package dev.faultline.observer.integrity;

import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.IntegrityReport;
import dev.faultline.common.verdict.SloStatus;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the writes the load test saw acknowledged with what is stored: each acknowledged id must have an item
 * in the table and exactly one event on the topic. Pure, so that a planted loss is provably reported.
 */
public final class IntegrityCheck {

    public static final String NAME = "data-integrity";

    private IntegrityCheck() {
    }

    /**
     * @param acknowledged ids acknowledged to the load test (duplicates collapse)
     * @param inTable      ids found in the table
     * @param eventsPerId  how many events on the topic carry each id
     */
    public static IntegrityReport compare(Collection<String> acknowledged, Set<String> inTable,
            Map<String, Integer> eventsPerId, String method) {
        Set<String> acked = new TreeSet<>(acknowledged);
        List<String> missingInTable = acked.stream().filter(id -> !inTable.contains(id)).toList();
        List<String> missingInTopic = acked.stream().filter(id -> eventsPerId.getOrDefault(id, 0) == 0).toList();
        List<String> duplicated = acked.stream().filter(id -> eventsPerId.getOrDefault(id, 0) > 1).toList();
        boolean rpoZero = missingInTable.isEmpty() && missingInTopic.isEmpty();
        return new IntegrityReport(acked.size(), missingInTable, missingInTopic, duplicated, rpoZero, method);
    }

    public static CheckResult result(IntegrityReport report) {
        if (report == null) {
            return new CheckResult(NAME, SloStatus.NO_DATA, "the acknowledged writes could not be read back",
                    "DynamoDB read-back and Kafka topic scan after the run");
        }
        if (report.acknowledged() == 0) {
            return new CheckResult(NAME, SloStatus.NO_DATA, "the load test saw no acknowledged write", report.method());
        }
        boolean passed = report.rpoZero() && report.duplicatedInTopic().isEmpty();
        String detail = report.acknowledged() + " acknowledged writes; missing in table: "
                + sample(report.missingInTable()) + "; missing on topic: " + sample(report.missingInTopic())
                + "; duplicated on topic: " + sample(report.duplicatedInTopic())
                + (report.rpoZero() ? "; RPO = 0" : "; RPO > 0: acknowledged writes were lost");
        return new CheckResult(NAME, passed ? SloStatus.PASS : SloStatus.FAIL, detail, report.method());
    }

    private static String sample(List<String> ids) {
        if (ids.isEmpty()) {
            return "none";
        }
        return ids.size() + " " + (ids.size() <= 10 ? ids : ids.subList(0, 10) + "...");
    }
}
