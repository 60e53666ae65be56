package dev.faultline.reporter.report;

import java.util.List;

/**
 * {@code report.md}: the run as an SRE reads it after the fact, rendered from {@link ReportContent} (what the report
 * says is decided there, for every format).
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(RunReport report) {
        return render(ReportContent.of(report));
    }

    static String render(ReportContent content) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(oneLine(content.title())).append("\n\n");
        md.append(inline(content.lead())).append("\n\n");
        for (ReportSection section : content.sections()) {
            md.append("## ").append(section.title()).append("\n\n");
            section.blocks().forEach(block -> block(md, block));
        }
        // One newline at the end of the file, whatever the last block was.
        return md.toString().stripTrailing() + "\n";
    }

    private static void block(StringBuilder md, ReportBlock block) {
        if (block instanceof ReportBlock.Paragraph p) {
            md.append(inline(p.text())).append("\n\n");
        } else if (block instanceof ReportBlock.Bullets list) {
            list.items().forEach(item -> md.append("- ").append(inline(item)).append('\n'));
            md.append('\n');
        } else if (block instanceof ReportBlock.Table table) {
            row(md, table.headers().stream().map(ReportText::plain).toList());
            md.append('|');
            table.headers().forEach(h -> md.append("---|"));
            md.append('\n');
            table.rows().forEach(cells -> row(md, cells));
            md.append('\n');
        }
    }

    private static void row(StringBuilder md, List<ReportText> cells) {
        md.append('|');
        for (ReportText cell : cells) {
            // A value that cannot break the table it sits in.
            md.append(' ').append(inline(cell).replace("|", "\\|")).append(" |");
        }
        md.append('\n');
    }

    private static String inline(ReportText text) {
        StringBuilder md = new StringBuilder();
        for (ReportText.Span span : text.spans()) {
            String words = oneLine(span.text());
            if (words.isEmpty()) {
                continue;
            }
            md.append(switch (span.style()) {
                case PLAIN -> words;
                case STRONG -> "**" + words + "**";
                case EMPHASIS -> "*" + words + "*";
                case CODE -> "`" + words + "`";
            });
        }
        return md.toString().strip();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
