package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.util.List;

/**
 * The writes the load test saw acknowledged, read back after the run.
 *
 * @param acknowledged      distinct order ids acknowledged to the load test (2xx with an id)
 * @param missingInTable    acknowledged ids the store (table, API or database) does not have: lost writes
 * @param missingInTopic    acknowledged ids with no event on the topic (none without a topic)
 * @param duplicatedInTopic acknowledged ids with more than one event on the topic
 * @param rpoZero           true when nothing acknowledged is missing or changed anywhere (duplicates do not lose
 *                          data but are reported and fail the check)
 * @param method            how it was read back
 * @param changed           acknowledged ids the store has, but with other content than a write acknowledged under
 *                          that id sent or was answered: lost writes whose id was reissued to another record (absent
 *                          in reports written before content was compared, and for DynamoDB, which reads ids only)
 * @param changes           for the first changed ids, what differed: {@code id: field expected X, found Y}
 */
public record IntegrityReport(int acknowledged, List<String> missingInTable, List<String> missingInTopic,
        List<String> duplicatedInTopic, boolean rpoZero, String method, List<String> changed, List<String> changes) {

    /** How many differences {@code changes} keeps; {@code changed} lists every id. */
    public static final int MAX_CHANGES = 20;

    public IntegrityReport {
        missingInTable = missingInTable == null ? List.of() : List.copyOf(missingInTable);
        missingInTopic = missingInTopic == null ? List.of() : List.copyOf(missingInTopic);
        duplicatedInTopic = duplicatedInTopic == null ? List.of() : List.copyOf(duplicatedInTopic);
        changed = changed == null ? List.of() : List.copyOf(changed);
        changes = changes == null ? List.of() : List.copyOf(changes);
        Checks.start().require(acknowledged >= 0, "acknowledged", "must not be negative").notBlank(method, "method")
                .require(changes.size() <= MAX_CHANGES, "changes", "must hold at most " + MAX_CHANGES + " entries")
                .require(!rpoZero || missingInTable.isEmpty() && missingInTopic.isEmpty() && changed.isEmpty(),
                        "rpoZero", "cannot be true with missing or changed ids")
                .throwIfAny();
    }

    /** Ids only, as reports were before content was compared. */
    public IntegrityReport(int acknowledged, List<String> missingInTable, List<String> missingInTopic,
            List<String> duplicatedInTopic, boolean rpoZero, String method) {
        this(acknowledged, missingInTable, missingInTopic, duplicatedInTopic, rpoZero, method, null, null);
    }
}
