package dev.faultline.reporter.report;

import java.util.List;

/** One block of a report section: a paragraph, a table or a list. Renderers decide only how it looks. */
public sealed interface ReportBlock {

    record Paragraph(ReportText text) implements ReportBlock {
    }

    /** A table whose every row has one cell per header. */
    record Table(List<String> headers, List<List<ReportText>> rows) implements ReportBlock {
        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<ReportText> row : rows) {
                if (row.size() != headers.size()) {
                    throw new IllegalArgumentException(row.size() + " cells for " + headers.size() + " headers");
                }
            }
        }
    }

    record Bullets(List<ReportText> items) implements ReportBlock {
        public Bullets {
            items = List.copyOf(items);
        }
    }
}
