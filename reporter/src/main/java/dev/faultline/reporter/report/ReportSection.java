package dev.faultline.reporter.report;

import java.util.List;

/**
 * One section of a report, e.g. "Recovery".
 *
 * @param id a stable, lower-case name (an HTML anchor and a test's handle)
 */
public record ReportSection(String id, String title, List<ReportBlock> blocks) {

    public ReportSection {
        blocks = List.copyOf(blocks);
    }
}
