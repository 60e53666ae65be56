package dev.faultline.reporter.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.faultline.common.json.ChaosJson;

/**
 * {@code report.json}: the run for machines (CI gates, dashboards) in the contract's own JSON mapping, so that its
 * {@code verdict} and {@code events} read back with {@link ChaosJson} like the messages they were.
 */
public final class JsonReport {

    private JsonReport() {
    }

    public static String render(RunReport report) {
        try {
            return ChaosJson.messages().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report of run " + report.runId(), e);
        }
    }
}
