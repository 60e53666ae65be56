package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.util.List;

/**
 * The writes the load test saw acknowledged, read back after the run.
 *
 * @param acknowledged      distinct order ids acknowledged to the load test (2xx with an id)
 * @param missingInTable    acknowledged ids with no item in the table: lost writes
 * @param missingInTopic    acknowledged ids with no event on the topic
 * @param duplicatedInTopic acknowledged ids with more than one event on the topic
 * @param rpoZero           true when nothing acknowledged is missing anywhere (duplicates do not lose data but are
 *                          reported and fail the check)
 * @param method            how it was read back
 */
public record IntegrityReport(int acknowledged, List<String> missingInTable, List<String> missingInTopic,
        List<String> duplicatedInTopic, boolean rpoZero, String method) {

    public IntegrityReport {
        missingInTable = missingInTable == null ? List.of() : List.copyOf(missingInTable);
        missingInTopic = missingInTopic == null ? List.of() : List.copyOf(missingInTopic);
        duplicatedInTopic = duplicatedInTopic == null ? List.of() : List.copyOf(duplicatedInTopic);
        Checks.start().require(acknowledged >= 0, "acknowledged", "must not be negative").notBlank(method, "method")
                .throwIfAny();
    }
}
