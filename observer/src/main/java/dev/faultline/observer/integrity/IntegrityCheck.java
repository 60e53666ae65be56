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
 * Compares the writes the load test saw acknowledged with what is stored: each acknowledged id must have a record
 * in the store with the content it was written with, and, with a topic, exactly one event on it. Pure, so that a
 * planted loss is provably reported.
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
        return compare(acknowledged, StoreContents.idsOnly(inTable), eventsPerId, method);
    }

    /**
     * @param stored      what the store holds for the acknowledged ids
     * @param eventsPerId how many events on the topic carry each id; null when there is no topic to check
     */
    public static IntegrityReport compare(Collection<String> acknowledged, StoreContents stored,
            Map<String, Integer> eventsPerId, String method) {
        Set<String> acked = new TreeSet<>(acknowledged);
        List<String> missing = acked.stream().filter(id -> !stored.present().contains(id)).toList();
        List<String> changed = acked.stream().filter(stored.changed()::containsKey).toList();
        List<String> changes = changed.stream().limit(IntegrityReport.MAX_CHANGES)
                .map(id -> id + ": " + stored.changed().get(id)).toList();
        List<String> missingInTopic = eventsPerId == null ? List.of()
                : acked.stream().filter(id -> eventsPerId.getOrDefault(id, 0) == 0).toList();
        List<String> duplicated = eventsPerId == null ? List.of()
                : acked.stream().filter(id -> eventsPerId.getOrDefault(id, 0) > 1).toList();
        boolean rpoZero = missing.isEmpty() && changed.isEmpty() && missingInTopic.isEmpty();
        return new IntegrityReport(acked.size(), missing, missingInTopic, duplicated, rpoZero, method, changed,
                changes);
    }

    public static CheckResult result(IntegrityReport report) {
        return result(report, null, true);
    }

    /**
     * @param error     why there is no report, when the read-back failed
     * @param withTopic whether the experiment names a topic: without one the detail says nothing of events
     */
    public static CheckResult result(IntegrityReport report, String error, boolean withTopic) {
        if (report == null) {
            return new CheckResult(NAME, SloStatus.NO_DATA, "the acknowledged writes could not be read back: "
                    + (error == null || error.isBlank() ? "no reason recorded (see the observer's log)" : error),
                    "read-back of the acknowledged writes after the run");
        }
        if (report.acknowledged() == 0) {
            return new CheckResult(NAME, SloStatus.NO_DATA, "the load test saw no acknowledged write", report.method());
        }
        boolean passed = report.rpoZero() && report.duplicatedInTopic().isEmpty();
        String detail = report.acknowledged() + " acknowledged writes; missing in store: "
                + sample(report.missingInTable()) + "; changed (id reissued or content lost): "
                + sample(report.changed())
                + (report.changes().isEmpty() ? "" : " (" + report.changes().get(0) + ")")
                + (withTopic ? "; missing on topic: " + sample(report.missingInTopic())
                        + "; duplicated on topic: " + sample(report.duplicatedInTopic()) : "")
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
